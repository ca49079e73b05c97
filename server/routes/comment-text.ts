/**
 * The text of a posted comment: a JSON object whose fields are cleaned, then checked
 * against the contract's limits (code points, after trimming). What is returned is
 * exactly what gets stored and echoed in the 201.
 *
 * Cleaning: terminal escapes, control characters and bidirectional overrides go (the
 * body keeps \n and \t, other line breaks become \n; the title and name become one line
 * and also lose every other invisible format character); then NFC and trimming. Text
 * that is not well-formed Unicode (a lone surrogate, sent as a `\ud800` escape) is
 * refused, and a required field must hold something a reader can see.
 */
import { COMMENT_FIELDS, COMMENT_LIMITS, type CommentField } from '../../src/contract/index.js';
import { ApiError, badRequest, validationFailed } from '../http/errors.js';

export interface CommentText {
  title: string;
  author: string;
  body: string;
}

const LABELS: Record<CommentField, string> = { title: 'Title', author: 'Name', body: 'Comment' };

/* eslint-disable no-control-regex */
/** Terminal escape sequences: CSI (`ESC [ … m`), OSC (`ESC ] … BEL`), and two-byte ones. */
const ANSI_ESCAPES =
  /\u001b(?:\[[0-?]*[ -/]*[@-~]?|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-_])?/g;
/** Line breaks other than \n, which the body keeps as \n. */
const OTHER_LINE_BREAKS = /\r\n?|[\u000b\u000c\u0085\u2028\u2029]/g;
/** C0 and C1 controls except tab and line feed. */
const CONTROLS_BUT_TAB_LF = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/** Any run of tabs and line breaks, which a one-line field turns into one space. */
const ONE_LINE_BREAKS = /[\t\n\r\u000b\u000c\u0085\u2028\u2029]+/g;
/* eslint-enable no-control-regex */
/** Bidirectional embeddings, overrides, isolates and marks: they can make text read backwards. */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** Invisible format characters (Cf) but the joiners U+200C/U+200D, which scripts and emoji need. */
const INVISIBLE_FORMAT = /(?![\u200c\u200d])\p{Cf}/gu;
/** A lone surrogate: only possible when the text is not well-formed Unicode. */
const LONE_SURROGATE = /[\ud800-\udfff]/u;
/** Something a reader can see: not a space, control, format character, mark or blank filler. */
const VISIBLE = /[^\s\p{Cc}\p{Cf}\p{Z}\p{M}\u115f\u1160\u2800\u3164\uffa0]/u;

export function cleanText(value: string, multiline: boolean): string {
  let text = value.replace(ANSI_ESCAPES, '').replace(BIDI_CONTROLS, '');
  text = multiline
    ? text.replace(OTHER_LINE_BREAKS, '\n').replace(CONTROLS_BUT_TAB_LF, '')
    : text
        .replace(ONE_LINE_BREAKS, ' ')
        .replace(/\p{Cc}/gu, '')
        .replace(INVISIBLE_FORMAT, '');
  return text.normalize('NFC').trim();
}

export function checkCommentText(
  body: unknown,
): { ok: true; value: CommentText } | { ok: false; error: ApiError } {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return { ok: false, error: badRequest('The request body must be a JSON object.') };
  }
  const input = body as Record<string, unknown>;
  const value: CommentText = { title: '', author: '', body: '' };
  const fields: Record<string, string> = {};
  for (const name of COMMENT_FIELDS) {
    const { min, max } = COMMENT_LIMITS[name];
    const label = LABELS[name];
    const raw = input[name] ?? (min === 0 ? '' : undefined);
    if (typeof raw !== 'string') {
      fields[name] = raw === undefined ? `${label} is required.` : `${label} must be text.`;
      continue;
    }
    if (LONE_SURROGATE.test(raw)) {
      fields[name] = `${label} contains characters that are not valid Unicode.`;
      continue;
    }
    const text = cleanText(raw, name === 'body');
    if (min > 0 && !VISIBLE.test(text)) fields[name] = `${label} is required.`;
    else if ([...text].length > max) fields[name] = `${label} must be ${max} characters or fewer.`;
    else value[name] = text;
  }
  if (Object.keys(fields).length > 0) {
    return {
      ok: false,
      error: validationFailed(
        'Some fields need attention before the comment can be posted.',
        fields,
      ),
    };
  }
  return { ok: true, value };
}
