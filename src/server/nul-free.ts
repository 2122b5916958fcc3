/**
 * PostgreSQL text and jsonb cannot hold U+0000: a value with one fails the whole statement ("invalid byte sequence
 * for encoding UTF8: 0x00"), so a NUL pasted or posted into any form field answered 500 wherever the value reached a
 * query. No person means a NUL, so every string a query sends is stripped of them here, the one door all values go
 * through — including JSON text, where the NUL travels as the escape `\u0000`.
 */
import {
  OperationNodeTransformer,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type PrimitiveValueListNode,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
  type ValueNode,
} from 'kysely';

// An escape is live when an even number of backslashes (none included) stands before it.
const JSON_NUL = /(?<!\\)((?:\\\\)*)\\u0000/g;

/** `value` without NUL characters (and, in JSON text, without `\u0000` escapes); other values as they are. */
export function withoutNul(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  let out = value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
  if (out.includes('\\u0000') && /^\s*[[{"]/.test(out)) out = out.replace(JSON_NUL, '$1');
  return out;
}

class NulStripper extends OperationNodeTransformer {
  protected override transformValue(node: ValueNode): ValueNode {
    return withoutNul(node.value) === node.value ? node : { ...node, value: withoutNul(node.value) };
  }
  protected override transformPrimitiveValueList(node: PrimitiveValueListNode): PrimitiveValueListNode {
    return node.values.some((v) => withoutNul(v) !== v) ? { ...node, values: node.values.map(withoutNul) } : node;
  }
}

export class NulFreePlugin implements KyselyPlugin {
  readonly #stripper = new NulStripper();
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#stripper.transformNode(args.node, args.queryId);
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
