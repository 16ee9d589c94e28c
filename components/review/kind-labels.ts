/** What each kind of change request is called where people see it (desk, queue). */
export const REQUEST_KIND_LABELS: Record<string, string> = {
  record_create: "New record",
  record_edit: "Edit",
  entity_create: "New entity",
  entity_edit: "Entity edit",
  entity_merge: "Merge",
  import_batch: "Import",
};
