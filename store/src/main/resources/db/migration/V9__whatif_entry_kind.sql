-- Lodestone store, schema version 9: a what-if of a customs entry of several lines (POST /api/compare with lines) is
-- recorded as kind 'entry'; it was recorded as 'shipment' because the column allowed only 'shipment' and 'file'.
-- What-ifs are append-only, so those recorded before stay as they were (their subject, "2 lines: …", says what they are).
alter table whatif drop constraint whatif_kind_check;
alter table whatif add constraint whatif_kind_check check (kind in ('shipment', 'entry', 'file'));
