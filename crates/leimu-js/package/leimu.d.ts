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
  /**
   * What the applicant is: kinds by id, name or word (企业, 内资企业主体, 公立医疗机构),
   * or labels of the source (非银行主体 says "not a bank"; 非X for any kind X). Only
   * alternatives this contradicts are left out; the others ask to confirm.
   */
  kinds?: string[] | string;
  kind?: string[] | string;
  /** Kind ids the applicant is not (the site's stored shape). */
  not_kinds?: string[];
  /** Categories the mini program already holds (a category another one requires first). */
  approved?: CategoryName[];
  /** The business scope (经营范围) from the business licence; scope conditions are checked against it. */
  scope?: string;
  /** Questions of `to_confirm` that hold: a `key`, or the condition's, label's or situation's text (or a unique part). */
  confirm?: string[];
  /** Questions of `to_confirm` that do not hold, named as for `confirm`. */
  deny?: string[];
  /** Answers as the site stores them. */
  answers?: Answer[];
  /** The site's stored-profile version (1 or 2). */
  version?: number;
  /** The catalogue version the site saved the profile with; informative. */
  catalogue?: string;
}

/** An answer to a question a verdict asked (`Confirmation.key`). */
export interface Answer {
  /** The category it was answered for; absent or null: everywhere the question is asked. */
  category?: string | null;
  question: string;
  holds: boolean;
}

/** A category by path (`生活服务 > 丽人服务 > 美甲`), id (`life.beauty.nail`) or a leaf name only one category has. */
export type CategoryName = string;

/** A category of a plan, optionally with the way to use (a completion's `way`). */
export type PlanCategory = CategoryName | PlanCategoryWay;

export interface PlanCategoryWay {
  category: CategoryName;
  way?: number;
}

export interface SearchOptions {
  /** At most this many results (default 20). */
  limit?: number;
}

// ---- Answers --------------------------------------------------------------

/** `confirm`: every document is held, but something listed in `to_confirm` must be confirmed first. */
export type Status = 'satisfied' | 'confirm' | 'missing' | 'by_email';

/** What the applicant's statements make of a label: `yes`, `no` (the alternative is left out) or `unknown` (to confirm). */
export type Truth = 'yes' | 'no' | 'unknown';

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
  /** Set when the document is needed for a prerequisite category or a situation of the notes. */
  needed_for?: NeededFor;
}

export interface ForPrerequisite {
  type: 'prerequisite';
  /** Id of the category required first. */
  category: string;
}

export interface ForSituation {
  type: 'situation';
  text: string;
}

export type NeededFor = ForPrerequisite | ForSituation;

export interface ConditionToConfirm {
  type: 'condition';
  document: string;
  name: string;
  text: string;
  /** The question's key (for `Profile.confirm`/`deny` and stored answers). */
  key: string;
  /** For a condition on the business scope: the terms it looks for (give `scope` to check it). */
  scope_terms?: string[];
}

export interface ApplicantToConfirm {
  type: 'applicant';
  /** The label's id. */
  kind: string;
  label: string;
  key: string;
}

export interface OptionToConfirm {
  type: 'option';
  kind: string;
  label: string;
  key: string;
}

export interface SituationToConfirm {
  type: 'situation';
  /** A sentence of the notes that adds requirements in a situation. */
  text: string;
  key: string;
  /** The documents it would add, when it names them. */
  documents?: string[];
  /** The user said it applies, and it names nothing leimu can check. */
  applies?: boolean;
}

/** Something the user must confirm themselves, in the source's words. */
export type Confirmation = ConditionToConfirm | ApplicantToConfirm | OptionToConfirm | SituationToConfirm;

export interface ScopeLacksTerms {
  type: 'scope';
  /** The business scope given contains none of these, and the source lists them all. */
  terms: string[];
}

export interface Denied {
  type: 'denied' | 'not_covered';
}

export type UnmetReason = ScopeLacksTerms | Denied;

/** A condition known to fail: a held document that does not meet this category's condition. */
export interface Unmet {
  /** Empty for a situation the category does not cover. */
  document: string;
  name: string;
  text: string;
  key: string;
  reason: UnmetReason;
}

/** A condition settled without asking: by the business scope (`matched`) or by the user. */
export interface Checked {
  document: string;
  name: string;
  text: string;
  matched?: string;
}

/** An applicant label of a way (whom it is for), and what the profile makes of it. */
export interface WayLabel {
  kind: string;
  label: string;
  option?: boolean;
  truth: Truth;
}

export interface CompletionReport {
  missing: DocumentReport[];
  relies_on: DocumentReport[];
  to_confirm: Confirmation[];
  /** This way's own state. */
  status: Status;
  /** The way's number (from 1), to choose it in `plan` (`{ category, way }`). */
  way: number;
  unmet: Unmet[];
  checked: Checked[];
  applicants: WayLabel[];
}

/** Something the applicant said about itself. */
export interface Statement {
  kind: string;
  name: string;
  /** `true`: "is"; `false`: "is not". */
  is: boolean;
}

/** An alternative's label the applicant's statements rule out; taking one of `because` back reopens it. */
export interface HiddenLabel {
  kind: string;
  label: string;
  because: Statement[];
}

/** A category another one requires first. */
export interface PrerequisiteReport {
  text: string;
  category: CategoryRef;
  approved: boolean;
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
  /** The labels of the alternatives left out, and what rules each out. */
  excluded: HiddenLabel[];
  prerequisites: PrerequisiteReport[];
}

/** One entry of `unlock`. */
export interface UnlockEntry {
  category: string;
  id: string;
  status: Status;
  no_qualification: boolean;
  documents_ready: boolean;
  one_away: DocumentReport[];
  /** For `confirm`: what remains to confirm. */
  to_confirm: Confirmation[];
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

/**
 * Why a search result is there: `name`, `path`, `scope`, `note` and
 * `document` give the text that matched; `lexicon` the everyday word of
 * catalog/lexicon.toml; `redirect` the sentence of another category's note
 * (`from`) that sends this case here; `limit` a sentence of this category's
 * notes that restricts what it allows ("暂不支持涉及vpn等服务") and shares
 * words with the query.
 */
export interface Because {
  kind: 'name' | 'path' | 'scope' | 'note' | 'document' | 'lexicon' | 'redirect' | 'limit';
  text: string;
  from?: string;
}

/**
 * One result of `search`. When no result of a search is `strong`, nothing
 * fits well: show the results as the closest there is, not as answers.
 */
export interface SearchResult {
  category: string;
  id: string;
  /** Higher is better; only meaningful for ordering. */
  score: number;
  /** How many of the query's words matched as a word (a word of a field, a lexicon word, a note's condition); lone characters of a longer word do not count, so a weak result may have 0. */
  terms_matched: number;
  matches: MatchRange[];
  /** Good evidence: a word (not one shared character) of the name, path, scope or a document, a lexicon word, or a note's redirect. */
  strong: boolean;
  because: Because[];
}

/** A document of a plan's chosen way (named by `document`, as the CLI's plan output does). */
export interface DocumentUse {
  document: string;
  name: string;
  mention: string;
  holder: string | null;
  need: number;
  have: number;
  needed_for?: NeededFor;
}

export interface Completion {
  way: number;
  missing: DocumentUse[];
  relies_on: DocumentUse[];
  to_confirm: Confirmation[];
  unmet?: Unmet[];
  checked?: Checked[];
  applicants?: WayLabel[];
}

export interface PlannedCategory {
  category: string;
  id: string;
  /** The chosen way's state. */
  status: Status;
  no_qualification: boolean;
  documents_ready: boolean;
  /** `null` when no alternative is open to the applicant as described. */
  chosen: Completion | null;
  /** The way was chosen by the caller (`{ category, way }`). */
  chosen_by_user: boolean;
  /** Every way open to the profile. */
  ways: Completion[];
  /** The shortest ways are for kinds of applicant the profile does not settle. */
  depends_on_kind: boolean;
  excluded: HiddenLabel[];
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
  /** Categories no way is open to: no document completes them. */
  blocked: string[];
  satisfied_count: number;
  confirm_count: number;
  missing_categories: number;
}

/**
 * Which catalogue this is (`info()`; `leimu info --json`). `version` is the
 * catalogue's version, distinct from the package's `version` export.
 */
export interface CatalogueInfo {
  /** The catalogue's version as published (`2026.1`). */
  version: string;
  /** The source text's title. */
  title: string;
  /** The day the text was taken from WeChat's page, `YYYY-MM-DD`. */
  taken: string;
  /** SHA-256 of the source text, lower-case hex. */
  source_sha256: string;
  schema: number;
  first_levels: number;
  categories: number;
  documents: number;
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
  /** The label's id. */
  kind: string;
  label: string;
  option?: boolean;
}

/** A condition on the business scope, read at build time. */
export interface ScopeCheck {
  condition: string;
  terms: string[];
  exhaustive: boolean;
}

export interface DocumentRequirement {
  document: string;
  mention: string;
  holder?: string;
  min: number;
  max?: number;
  conditions?: string[];
  /** Who issues it (卫生健康部门): part of what it is, not a condition. */
  issuer?: string;
  /** How it is handed in (pdf扫描件+加盖公章). */
  form?: string[];
  scope_checks?: ScopeCheck[];
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
  prerequisites: PrerequisiteReport[];
  situations: Situation[];
  /** Set when the source prints this row's requirement only once, for it and the row above: the line it stands on. */
  requirement_from_line: number | null;
}

/** A sentence that adds requirements in a situation. */
export interface Situation {
  text: string;
  rule?: RuleNode;
  /** The category does not cover the situation (…建议去除). */
  blocks?: boolean;
  /** Ids of the documents the sentence means without naming them (对应资质). */
  refers_to?: string[];
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
  /** Each document the name may mean, with (up to five of) the categories that need it. */
  options: DocumentOption[];
}

export interface DocumentOption {
  id: string;
  name: string;
  categories: string[];
}

export interface UnknownKind {
  problem: 'unknown_kind';
  query: string;
  closest: string[];
}

/** A label naming several kinds (银行机构主体/非银行金融机构主体): say which. */
export interface AmbiguousKind {
  problem: 'ambiguous_kind';
  query: string;
  options: string[];
}

export interface ContradictoryKinds {
  problem: 'contradictory_kinds';
  first: string;
  second: string;
}

export interface UnknownQuestion {
  problem: 'unknown_question';
  query: string;
  closest: string[];
}

export interface AmbiguousQuestion {
  problem: 'ambiguous_question';
  query: string;
  options: string[];
}

export interface ConflictingAnswers {
  problem: 'conflicting_answers';
  query: string;
}

/** A name that did not resolve to one category, document, applicant kind or question. */
export type LookupProblem = UnknownCategory | AmbiguousCategory | UnknownDocument | AmbiguousDocument | UnknownKind | AmbiguousKind | ContradictoryKinds | UnknownQuestion | AmbiguousQuestion | ConflictingAnswers;

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
export function plan(categories: PlanCategory[], profile?: Profile): Plan;
export function show(category: CategoryName): CategoryDetails;
export function list(): ListEntry[];
/** Which catalogue this is: its version, title, the day the text was taken, its SHA-256. */
export function info(): CatalogueInfo;
/** This package's version (the catalogue's is `info().version`). */
export const version: string;
