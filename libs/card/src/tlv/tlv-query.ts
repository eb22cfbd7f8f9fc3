import { TlvError } from './tlv-error';
import { formatTag, TlvNode } from './tlv-node';

/** Returns the first child of `parent` with `tag`, or undefined. */
export function findChild(parent: TlvNode, tag: number): TlvNode | undefined {
  return parent.children?.find((child) => child.tag === tag);
}

/** Returns the first child of `parent` with `tag`, or throws `TLV_MISSING_TAG`. */
export function requireChild(parent: TlvNode, tag: number): TlvNode {
  const child = findChild(parent, tag);
  if (child === undefined) {
    throw new TlvError(
      'TLV_MISSING_TAG',
      `data object ${formatTag(parent.tag)} has no child with tag ${formatTag(tag)}`,
    );
  }

  return child;
}

/** Throws `TLV_UNEXPECTED_TAG` unless `node` carries `tag`. */
export function expectTag(node: TlvNode, tag: number): TlvNode {
  if (node.tag !== tag) {
    throw new TlvError(
      'TLV_UNEXPECTED_TAG',
      `expected tag ${formatTag(tag)}, found ${formatTag(node.tag)}`,
    );
  }

  return node;
}
