"use client";
// Links inside Dossier: next/link (client-side navigation), prefetching when the reader reaches for
// a link (pointer over it, touch, keyboard focus) instead of when it scrolls into view. A results
// page shows forty links or more (results, facets, the timeline's years, the map's places); every
// one prefetched on sight cost a request to the server and main-thread work on the phone, while
// the reader follows one or two (issue 17, Lighthouse: docs/benchmarks.md). Use this, not next/link.
import NextLink from "next/link";
import { useRouter } from "next/navigation";
import type { ComponentProps } from "react";

type Props = ComponentProps<typeof NextLink>;

export default function Link({ href, prefetch, onMouseEnter, onTouchStart, onFocus, ...props }: Props) {
  const router = useRouter();
  const target = typeof href === "string" && href.startsWith("/") && prefetch !== false ? href : undefined;
  const reachFor = () => {
    if (target) router.prefetch(target);
  };
  return (
    <NextLink
      {...props}
      href={href}
      prefetch={false}
      onMouseEnter={(event) => {
        reachFor();
        onMouseEnter?.(event);
      }}
      onTouchStart={(event) => {
        reachFor();
        onTouchStart?.(event);
      }}
      onFocus={(event) => {
        reachFor();
        onFocus?.(event);
      }}
    />
  );
}
