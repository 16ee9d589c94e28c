"use client";
// Widgets shown to signed-in people on pages everyone reads (a reviewer's "Withdraw", an editor's
// "Propose a merge"). Next.js sends every client module a page imports, shown or not; loaded through
// next/dynamic, their code (and the tRPC client they need) reaches only the people who see them.
import dynamic from "next/dynamic";

export const WithdrawRecord = dynamic(() => import("./widgets").then((m) => m.WithdrawRecord));
export const RestoreRecord = dynamic(() => import("./widgets").then((m) => m.RestoreRecord));
export const RevertButton = dynamic(() => import("./widgets").then((m) => m.RevertButton));
export const ProposeMerge = dynamic(() => import("./widgets").then((m) => m.ProposeMerge));
export const UndoMerge = dynamic(() => import("./widgets").then((m) => m.UndoMerge));
