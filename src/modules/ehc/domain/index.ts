/** The statutory clock engine: the public API the EHC casework, performance and SEN2 code call. */
export {
  DISAGREEMENT_RULES,
  EXCEPTION_TYPES,
  EXCEPTIONS,
  NEEDS_ASSESSMENT_RULES,
  NoRuleInForceError,
  PLAN_LIFE_RULES,
  RULE_IDS,
  STATUTORY_RULES,
  isInForce,
  ruleInForce,
} from './rules.ts';
export type {
  ExceptionCondition,
  ExceptionDefinition,
  ExceptionType,
  Period,
  RuleId,
  RuleStage,
  StatutoryRule,
} from './rules.ts';
export {
  BankHolidaysNotCoveredError,
  ENGLAND_AND_WALES_BANK_HOLIDAYS,
  addWorkingDays,
  bankHolidayTableFromGovUk,
  createBankHolidayCalendar,
  englandAndWalesBankHolidays,
  isBankHoliday,
  isWorkingDay,
  mergeBankHolidayTables,
  nextWorkingDayAfter,
} from './bank-holidays.ts';
export type { BankHoliday, BankHolidayCalendar, BankHolidayTable } from './bank-holidays.ts';
export {
  appealDeadline,
  deadlineFor,
  dueDateFor,
  needsAssessmentDeadlines,
  transferInReviewDeadline,
} from './deadlines.ts';
export type { Deadline, DeadlineOptions, EngineOptions, NeedsAssessmentKeyDates } from './deadlines.ts';
export {
  clockPeriod,
  excusalProblems,
  excusalsApplying,
  isExcused,
  isOnTime,
  isRecordedAgainst,
  timeliness,
} from './excusals.ts';
export type { Excusal, ExcusalProblem, Timeliness } from './excusals.ts';
export { twentyWeekTimeliness, week20, week20Deadline } from './week20.ts';
export type { AssessmentForSen2, Sen2AssessmentOutcome, Week20 } from './week20.ts';
export { addMonths } from './calendar.ts';
