// Types of the `leimu` module. The answers have the same fields as the
// `leimu` CLI's `--json` output; both are built by the Rust structs in
// crates/leimu-engine/src/report.rs, and tests/node/js-api.test.mjs checks
// every interface here against real answers.
//
// Keep each interface on one level of braces (nested shapes get their own
// name): the test reads the declared fields from this file.

// ---- Inputs ---------------------------------------------------------------

/**
 * A document in any spelling the official list uses, with or without 《》, or
 * its id. As a string, `'NAME=N'` means N of them (the CLI's `--have` syntax).
 */
export type DocumentName = string;

/** A held document: its name, or its name and how many (N ≥ 1: agreements with N schools). */
export type Holding = DocumentName | HoldingCount;

export interface HoldingCount {
  document: DocumentName;
  count?: number;
}

/** A list of held documents, or `{ name: count }` (the shape the site stores). */
export type Holdings = Holding[] | Record<DocumentName, number>;

/**
 * What the applicant holds. Either like the CLI's flags
 * (`{ have: ['营业执照'], partner: ['合作协议=2'], kinds: ['政府主体'] }`) or as the
 * site exports it (`{ version: 1, applicant: { id: 1 }, partners: { id: 2 }, kinds: [id] }`).
 * Unknown fields are an error, so a typo never silently drops a document.
 */
export interface Profile {
  /** Documents the applicant itself holds. */
  have?: Holdings;
  /** The site's name for `have`. */
  applicant?: Holdings;
  /** Documents the applicant's partners hold; the count is how many partners. */
  partner?: Holdings;
  /** The site's name for `partner`. */
  partners?: Holdings;
  /** Applicant kinds (政府主体, 银行主体 … by label or id); alternatives for other kinds are left out. */
  kinds?: string[] | string;
  kind?: string[] | string;
  /** The site's stored-profile version; only 1 is read. */
  version?: 1;
}

/** A category by path (`生活服务 > 丽人服务 > 美甲`), id (`life.beauty.nail`) or a leaf name only one category has. */
export type CategoryName = string;

export interface SearchOptions {
  /** At most this many results (default 20). */
  limit?: number;
}

// ---- Answers --------------------------------------------------------------

export type Status = 'satisfied' | 'missing' | 'by_email';

/** A category as answers name it: `category` is the path joined with ` > `. */
export interface CategoryRef {
  category: string;
  id: string;
}

/** One document of a way, as `check` and `unlock` report it. */
export interface DocumentReport {
  /** Display name, without 《》. */
  name: string;
  id: string;
  /** The document as the requirement text writes it. */
  mention: string;
  /** `null`: the applicant holds it; else who must (合作医院 …), verbatim. */
  holder: string | null;
  need: number;
  have: number;
}

export interface ConditionToConfirm {
  type: 'condition';
  document: string;
  name: string;
  text: string;
}

export interface ApplicantToConfirm {
  type: 'applicant';
  kind: string;
  label: string;
}

export interface OptionToConfirm {
  type: 'option';
  label: string;
}

/** Something the user must confirm themselves, in the source's words. */
export type Confirmation = ConditionToConfirm | ApplicantToConfirm | OptionToConfirm;

export interface CompletionReport {
  missing: DocumentReport[];
  relies_on: DocumentReport[];
  to_confirm: Confirmation[];
}

export interface Reference {
  /** As written, e.g. `【医疗服务-互联网医院】`. */
  text: string;
  to: CategoryRef[];
  judgement: string | null;
}

/** The answer of `check`. */
export interface Verdict {
  category: string;
  id: string;
  status: Status;
  no_qualification: boolean;
  email_only: boolean;
  local_review: boolean;
  documents_ready: boolean;
  satisfied_by: CompletionReport | null;
  /** The missing documents of each completion, shortest first. */
  missing: DocumentReport[][];
  completions: CompletionReport[];
  to_confirm: Confirmation[];
  excluded_by_kind: number;
  references: Reference[];
}

/** One entry of `unlock`. */
export interface UnlockEntry {
  category: string;
  id: string;
  status: Status;
  no_qualification: boolean;
  documents_ready: boolean;
  one_away: DocumentReport[];
}

export interface NameMatch {
  field: 'name' | 'scope' | 'notes';
  start: number;
  end: number;
}

export interface IndexedMatch {
  /** `path`: index into the category's path; `document`: index into the document registry. */
  field: 'path' | 'document';
  index: number;
  start: number;
  end: number;
}

/** Where a query matched, in characters of the field's text. */
export type MatchRange = NameMatch | IndexedMatch;

/** One result of `search`. */
export interface SearchResult {
  category: string;
  id: string;
  /** Higher is better; only meaningful for ordering. */
  score: number;
  terms_matched: number;
  matches: MatchRange[];
}

/** A document of a plan's chosen way (named by `document`, as the CLI's plan output does). */
export interface DocumentUse {
  document: string;
  name: string;
  mention: string;
  holder: string | null;
  need: number;
  have: number;
}

export interface Completion {
  missing: DocumentUse[];
  relies_on: DocumentUse[];
  to_confirm: Confirmation[];
}

export interface PlannedCategory {
  category: string;
  id: string;
  status: Status;
  no_qualification: boolean;
  documents_ready: boolean;
  /** `null` when no alternative is open to the profile's applicant kinds. */
  chosen: Completion | null;
}

export interface PlannedDocument {
  document: string;
  name: string;
  holder: string | null;
  need: number;
  have: number;
  missing: boolean;
  /** Ids of the categories that need it. */
  categories: string[];
  conditions: string[];
}

/** The answer of `plan`. */
export interface Plan {
  categories: PlannedCategory[];
  documents: PlannedDocument[];
  missing_count: number;
  unknown: string[];
}

/** One entry of `list`. */
export interface ListEntry {
  category: string;
  id: string;
  path: string[];
  no_qualification: boolean;
  email_only: boolean;
  local_review: boolean;
  source_line: number;
}

export interface ApplicantLabel {
  kind: string;
  label: string;
  also?: string[];
  option?: boolean;
}

export interface DocumentRequirement {
  document: string;
  mention: string;
  holder?: string;
  min: number;
  max?: number;
  conditions?: string[];
}

/** Every child is needed (同时提供). */
export interface AllOf {
  all_of: AllOfGroup;
}

export interface AllOfGroup {
  children: RuleNode[];
}

/** At least `at_least` children are needed ((3选1) has `at_least: 1`). */
export interface AnyOf {
  any_of: AnyOfGroup;
}

export interface AnyOfGroup {
  at_least: number;
  children: RuleNode[];
}

export interface DocumentNode {
  document: DocumentRequirement;
}

/** A node of a requirement tree. */
export interface RuleNode {
  applicant?: ApplicantLabel;
  kind: AllOf | AnyOf | DocumentNode;
}

/** The answer of `show`. */
export interface CategoryDetails {
  category: string;
  id: string;
  path: string[];
  no_qualification: boolean;
  email_only: boolean;
  local_review: boolean;
  source_line: number;
  requirement_text: string;
  scope: string;
  notes: string;
  rule: RuleNode | null;
  references: Reference[];
}

// ---- Errors ---------------------------------------------------------------

export interface UnknownCategory {
  problem: 'unknown_category';
  query: string;
  /** The closest paths, ids or names, best first (may be empty). */
  closest: string[];
}

export interface AmbiguousCategory {
  problem: 'ambiguous_category';
  query: string;
  /** The categories that share the name: pass one's path or id. */
  options: CategoryRef[];
}

export interface UnknownDocument {
  problem: 'unknown_document';
  query: string;
  closest: string[];
}

export interface AmbiguousDocument {
  problem: 'ambiguous_document';
  query: string;
  ids: string[];
}

export interface UnknownKind {
  problem: 'unknown_kind';
  query: string;
  closest: string[];
}

/** A name that did not resolve to one category, document or applicant kind. */
export type LookupProblem = UnknownCategory | AmbiguousCategory | UnknownDocument | AmbiguousDocument | UnknownKind;

export interface ErrorProblems {
  /** Every name that did not resolve, with the closest names. Absent or empty when an argument was malformed. */
  problems?: LookupProblem[];
}

/** What every function throws: an `Error` whose message names the function, the problem and what to do. */
export type LeimuError = Error & ErrorProblems;

// ---- Functions (each throws a LeimuError) -----------------------------------

export function search(query: string, options?: SearchOptions): SearchResult[];
export function check(category: CategoryName, profile?: Profile): Verdict;
export function unlock(profile?: Profile): UnlockEntry[];
export function plan(categories: CategoryName[], profile?: Profile): Plan;
export function show(category: CategoryName): CategoryDetails;
export function list(): ListEntry[];
export const version: string;
