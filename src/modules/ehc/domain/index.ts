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
export {
  CHILD_IDENTIFIERS,
  UNKNOWN_IDENTIFIER_REASONS,
  UPN_CHECK_LETTERS,
  formatNhsNumber,
  isTemporaryUpn,
  isUnknownIdentifierReason,
  nhsNumberCheckDigit,
  ulnCheckDigit,
  upnCheckLetter,
  validateIdentifierAnswer,
  validateNhsNumber,
  validateUln,
  validateUpn,
} from './identifiers.ts';
export type {
  ChildIdentifier,
  IdentifierAnswer,
  IdentifierValidation,
  UnknownIdentifierReason,
} from './identifiers.ts';
export {
  ASSESSMENT_OUTCOMES,
  CEASE_REASONS,
  REQUEST_OUTCOMES,
  REQUEST_SOURCES,
  REVIEW_OUTCOMES,
  SEN2_CODE_LISTS,
  SEN_NEED_RANKS,
  SEN_SETTINGS,
  SEN_TYPES,
  isSen2Code,
  sen2Label,
} from './sen2-codes.ts';
export type {
  AssessmentOutcome,
  CeaseReason,
  RequestOutcome,
  RequestSource,
  ReviewOutcome,
  Sen2Code,
  Sen2CodeOf,
  SenNeedRank,
  SenSetting,
  SenType,
} from './sen2-codes.ts';
