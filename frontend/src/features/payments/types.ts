import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export type RunCreate = Schemas['RunCreate'];
export type RunRead = Schemas['RunRead'];
export type RunProgress = Schemas['RunProgress'];
export type RunReport = Schemas['RunReport'];
export type ReportRow = Schemas['ReportRow'];
export type LedgerBalance = Schemas['LedgerBalance'];
export type LineRead = Schemas['LineRead'];
export type LinePage = Schemas['LinePage'];
export type LineAction = Schemas['LineAction'];
export type LineActionCode = LineAction['action'];
export type LineStatus = LineRead['status'];
export type PayDay = Schemas['PayDayRead'];
/** The programs paid monthly, the ones a run can be started for. */
export type MonthlyProgram = RunCreate['program'];
export type BankFileRead = Schemas['BankFileRead'];
export type ExportResult = Schemas['ExportResult'];
export type Reconciliation = Schemas['ReconciliationRead'];
