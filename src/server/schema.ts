import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Timestamps are written as Date and read back as Date by both drivers. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface AgenciesTable {
  code: string;
  /** The provincial agency a regional office belongs to; null for a provincial agency. */
  parent_code: string | null;
  kind: 'provincial' | 'regional';
  province_code: string;
  name_vi: string;
  name_en: string;
  /** Contact details are left empty until an administrator enters the real ones. */
  address: string | null;
  phone: string | null;
  email: string | null;
  head_name: string | null;
  sort_order: number;
  updated_at: Generated<Timestamp>;
}

export interface CalendarDaysTable {
  /** yyyy-mm-dd; `date` columns are returned as strings (see db.ts). */
  date: string;
  kind: 'off' | 'working';
  name_vi: string;
  name_en: string;
  updated_at: Generated<Timestamp>;
}

/** The database as Kysely sees it. Later migrations add their tables here. */
export interface Database {
  agencies: AgenciesTable;
  calendar_days: CalendarDaysTable;
}

export type Agency = Selectable<AgenciesTable>;
export type NewAgency = Insertable<AgenciesTable>;
export type AgencyUpdate = Updateable<AgenciesTable>;
export type CalendarDayRow = Selectable<CalendarDaysTable>;
