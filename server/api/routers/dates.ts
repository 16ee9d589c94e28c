import { z } from "zod";
import { DateParseError, describeImpreciseDate, parseImpreciseDate } from "../../dates/imprecise-date";
import { publicProcedure, router } from "../trpc";

export const datesRouter = router({
  /** Public: how an imprecise date is understood (the record editor's live preview). */
  parse: publicProcedure.input(z.object({ text: z.string().max(200) })).query(({ input }) => {
    try {
      const date = parseImpreciseDate(input.text);
      return { ok: true as const, date, description: describeImpreciseDate(date) };
    } catch (error) {
      if (error instanceof DateParseError) return { ok: false as const, message: error.message };
      throw error;
    }
  }),
});
