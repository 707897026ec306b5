import type { components } from './schema';

type Schemas = components['schemas'];

export type Problem = Schemas['Problem'];
export type FieldError = Schemas['FieldError'];
export type Me = Schemas['Me'];
export type TokenResponse = Schemas['TokenResponse'];
export type SigunguRead = Schemas['SigunguRead'];
export type PersonRead = Schemas['PersonRead'];
export type PersonSummary = Schemas['PersonSummary'];
export type PersonCreate = Schemas['PersonCreate'];
export type PersonUpdate = Schemas['PersonUpdate'];
export type Address = Schemas['Address'];
export type HouseholdRead = Schemas['HouseholdRead'];
export type MemberRead = Schemas['MemberRead'];
export type MemberAdd = Schemas['MemberAdd'];
export type SimulationRequest = Schemas['SimulationRequest'];
export type SimulationResponse = Schemas['SimulationResponse'];
export type ProgramResult = Schemas['ProgramResultOut'];
export type MemberResult = Schemas['MemberResultOut'];
export type TraceStep = Schemas['TraceStepOut'];
export type MemberIn = Schemas['MemberIn'];
export type VehicleIn = Schemas['VehicleIn'];
export type ObligorIn = Schemas['ObligorIn'];
export type IncomeIn = Schemas['IncomeIn'];
export type ProgramCode = ProgramResult['program'];
export type StatusCode = ProgramResult['status'];
