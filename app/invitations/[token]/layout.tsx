// An account form that calls tRPC (public reading pages load no tRPC client).
export { TRPCReactProvider as default } from "@/components/trpc/provider";
