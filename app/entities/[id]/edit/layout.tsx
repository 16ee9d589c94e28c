// A section that edits: its client components call tRPC (public reading pages load no tRPC client).
export { TRPCReactProvider as default } from "@/components/trpc/provider";
