"use client";
// Admins mark an editor trusted: their change requests are approved on submission (still audited).
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/components/trpc/provider";

export function TrustedToggle({ userId, name, trusted }: { userId: string; name: string; trusted: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const set = useMutation(trpc.users.setTrusted.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <label className="flex items-center gap-2">
      <input type="checkbox" checked={trusted} disabled={set.isPending} aria-label={`${name} is a trusted editor`}
        onChange={(e) => set.mutate({ userId, trusted: e.target.checked })} />
      <span>{trusted ? "Trusted" : "Reviewed"}</span>
      {set.error && <span role="alert" className="text-seal">{set.error.message}</span>}
    </label>
  );
}
