import { applyDecorators } from '@nestjs/common';
import { ApiSchema } from '@nestjs/swagger';
import type { ApiSchemaOptions } from '@nestjs/swagger';
import { maxLength, ValidationTypes } from 'class-validator';
import type { ValidationError } from 'class-validator';
import { NO_NUL } from './text.decorators';

/** The keys an object may carry beyond its class's declared properties: string values, bounded. */
export interface ExtraStringPropertiesRule {
  /** The class's declared properties (they keep their own rules), for messages and the schema. */
  readonly declared: readonly string[];
  /** Extra keys at most, besides the declared ones. */
  readonly maxCount: number;
  readonly keyPattern: RegExp;
  /** Characters at most, counted as class-validator's MaxLength counts them. */
  readonly maxLength: number;
}

const RULES = new WeakMap<object, ExtraStringPropertiesRule>();

/** The constraint of an extra key's error: its message stands whatever the value (null included). */
export const EXTRA_PROPERTY = 'extraProperty';

/**
 * Lets instances of a nested request DTO class carry extra string-valued keys. class-validator's
 * whitelist refuses every undeclared key; the validation pipe then judges each refused key of an
 * instance of this class by `rule` instead ({@link admitExtraProperties}), and the keys it admits
 * stay on the instance. The OpenAPI schema says the same.
 */
export function ExtraStringProperties(
  rule: ExtraStringPropertiesRule,
  description: string,
  example?: Readonly<Record<string, string>>,
): ClassDecorator {
  return applyDecorators(ApiExtraStringProperties(rule, description, example), (target: object) => {
    RULES.set(target, rule);
  });
}

/**
 * The schema side alone (for a response shape). Its additionalProperties is explicit, so closeSchemas
 * leaves it open. OpenAPI 3.0 has no propertyNames (3.1 has): `description` must state the key
 * pattern, and maxProperties can only bound the keys in all. @nestjs/swagger spreads an ApiSchema's
 * options into the schema, though its type declares only name and description. The example shows a
 * custom key (Swagger UI would otherwise invent `additionalProp1`… from the value's pattern).
 */
export function ApiExtraStringProperties(
  rule: ExtraStringPropertiesRule,
  description: string,
  example?: Readonly<Record<string, string>>,
): ClassDecorator {
  return ApiSchema({
    description,
    example,
    additionalProperties: { type: 'string', maxLength: rule.maxLength, pattern: NO_NUL },
    maxProperties: rule.declared.length + rule.maxCount,
  } as ApiSchemaOptions);
}

/**
 * class-validator's errors for `root`, with each whitelist error under an object whose class has a
 * rule replaced by the rule's verdict on that key (dropped when the key may stay), and an error on
 * that object when it has too many. Reads each error's value: the pipe keeps them.
 */
export function admitExtraProperties(root: object, errors: ValidationError[]): ValidationError[] {
  // A count error is reported on the object's own error, which a request body does not have.
  if (ruleOf(root)) throw new Error(`${root.constructor.name}: ExtraStringProperties is for nested objects`);
  return judgeChildren(undefined, errors);
}

/** The errors of one object's properties, judged; the extra keys' after the declared ones'. */
function judgeChildren(
  rule: ExtraStringPropertiesRule | undefined,
  errors: ValidationError[],
): ValidationError[] {
  const declared: ValidationError[] = [];
  const extra: ValidationError[] = [];
  for (const error of errors) {
    if (rule && isWhitelistError(error)) {
      const problem = extraPropertyProblem(rule, error.property, error.value);
      if (problem) extra.push({ ...error, constraints: { [EXTRA_PROPERTY]: problem } });
    } else {
      const node = judgeNode(error);
      if (node) declared.push(node);
    }
  }
  return [...declared, ...extra];
}

/** The error of one property, judged; undefined when nothing is left of it. */
function judgeNode(error: ValidationError): ValidationError | undefined {
  const rule = ruleOf(error.value);
  const children = judgeChildren(rule, error.children ?? []);
  const constraints = { ...error.constraints };
  const extraCount = rule ? (error.children ?? []).filter(isWhitelistError).length : 0;
  if (rule && extraCount > rule.maxCount) {
    const besides = `besides ${rule.declared.join(' and ')}`;
    constraints.maxExtraProperties = `${error.property} must have at most ${rule.maxCount} keys ${besides}`;
  }
  if (children.length === 0 && Object.keys(constraints).length === 0) return undefined;
  return { ...error, constraints: Object.keys(constraints).length > 0 ? constraints : undefined, children };
}

function extraPropertyProblem(
  rule: ExtraStringPropertiesRule,
  key: string,
  value: unknown,
): string | undefined {
  if (!rule.keyPattern.test(key)) return `the key ${key} must match ${rule.keyPattern.source}`;
  if (typeof value !== 'string') return `${key} must be a string`;
  if (!maxLength(value, rule.maxLength)) {
    return `${key} must be shorter than or equal to ${rule.maxLength} characters`;
  }
  return undefined;
}

function ruleOf(value: unknown): ExtraStringPropertiesRule | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const prototype = Object.getPrototypeOf(value) as { constructor?: unknown } | null;
  return typeof prototype?.constructor === 'function' ? RULES.get(prototype.constructor) : undefined;
}

function isWhitelistError(error: ValidationError): boolean {
  return error.constraints?.[ValidationTypes.WHITELIST] !== undefined;
}
