"use client";
// The signed-in widgets of public reading pages, each in its own tRPC provider. Loaded only through
// `components/islands` (next/dynamic), so a reader's page carries none of this code.
import { ProposeMerge as ProposeMergeForm, UndoMerge as UndoMergeButton } from "@/components/entities/merge-controls";
import { RestoreRecord as RestoreButton, RevertButton as RevertForm, WithdrawRecord as WithdrawForm } from "@/components/records/record-actions";
import { TRPCReactProvider } from "@/components/trpc/provider";

function withTRPC<P extends object>(Component: React.ComponentType<P>) {
  return function Island(props: P) {
    return (
      <TRPCReactProvider>
        <Component {...props} />
      </TRPCReactProvider>
    );
  };
}

export const WithdrawRecord = withTRPC(WithdrawForm);
export const RestoreRecord = withTRPC(RestoreButton);
export const RevertButton = withTRPC(RevertForm);
export const ProposeMerge = withTRPC(ProposeMergeForm);
export const UndoMerge = withTRPC(UndoMergeButton);
