-- The invoice a line item is billed on (bill/InvoiceId, bill_invoice_id, InvoiceId), for totals per
-- invoice; null for Cost Explorer rows. On the month-partitioned table (PostgreSQL) every partition gets it.
ALTER TABLE "cost_line_items" ADD COLUMN "invoice_id" text;
