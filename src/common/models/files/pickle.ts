/**
 * A restricted unpickler: a small stack machine for the pickle opcodes a PyTorch state dict uses
 * (opcode semantics from CPython's Lib/pickle.py and Lib/pickletools.py), and no others.
 *
 * Why it is safe: unpickling runs code only through GLOBAL/STACK_GLOBAL (which import a name),
 * REDUCE (which calls it), BUILD (which may call __setstate__), NEWOBJ/OBJ/INST and the extension
 * registry. Here GLOBAL only asks `hooks.findClass`, which answers with an inert marker for an
 * allowed name and throws for any other, *before* anything else is read; REDUCE and BUILD hand the
 * markers to `hooks.reduce` / `hooks.build`, which build plain data; the other code-running
 * opcodes, and every opcode not listed below, stop the reader with a message. Nothing in the file
 * is ever evaluated, imported or called.
 *
 * Python values become: None → null, bool → boolean, int → number (bigint past 2^53), float →
 * number, str → string, tuple → PyTuple, list → PyList, dict → PyDict; GLOBALs → PyGlobal.
 */

export class PyTuple {
  constructor(readonly items: readonly unknown[]) {}
}
export class PyList {
  constructor(readonly items: unknown[] = []) {}
}
/** A dict (or an OrderedDict: order is kept either way). Keys are compared as JS values. */
export class PyDict {
  readonly entries = new Map<unknown, unknown>();
}
/** A name a GLOBAL opcode asked for and `findClass` allowed: only a name, nothing imported. */
export class PyGlobal {
  constructor(readonly module: string, readonly name: string) {}
  toString(): string {
    return `${this.module}.${this.name}`;
  }
}

export interface UnpicklerHooks {
  /** An allowed global's marker (usually a PyGlobal), or throw for a name that is not allowed. */
  findClass(module: string, name: string): unknown;
  /** BINPERSID: the object a persistent id stands for (torch: a storage). */
  persistentLoad(pid: unknown): unknown;
  /** REDUCE: `callable(*args)` for a callable findClass returned. */
  reduce(callable: unknown, args: PyTuple): unknown;
  /** BUILD: apply `state` to `target` (or ignore it); throw when it must not be ignored. */
  build(target: unknown, state: unknown): void;
}

/** A problem with the pickle; `file` is added by the caller's ModelFileError. */
export class PickleError extends Error {
  /** Whether the message already says where in the pickle (hooks' errors get it added). */
  located = false;
}

/** CPython's names of the opcodes this reader does not accept, so that a refusal can name them. */
const OTHER_OPCODES: Readonly<Record<number, string>> = {
  0x49: 'INT', 0x4c: 'LONG', 0x46: 'FLOAT', 0x53: 'STRING', 0x54: 'BINSTRING', 0x55: 'SHORT_BINSTRING', 0x56: 'UNICODE',
  0x42: 'BINBYTES', 0x43: 'SHORT_BINBYTES', 0x8e: 'BINBYTES8', 0x8d: 'BINUNICODE8', 0x96: 'BYTEARRAY8',
  0x64: 'DICT', 0x6c: 'LIST', 0x69: 'INST', 0x6f: 'OBJ', 0x81: 'NEWOBJ', 0x92: 'NEWOBJ_EX', 0x50: 'PERSID', 0x67: 'GET', 0x70: 'PUT',
  0x82: 'EXT1', 0x83: 'EXT2', 0x84: 'EXT4', 0x8b: 'LONG4', 0x8f: 'EMPTY_SET', 0x90: 'ADDITEMS', 0x91: 'FROZENSET',
  0x97: 'NEXT_BUFFER', 0x98: 'READONLY_BUFFER', 0x30: 'POP', 0x31: 'DUP', 0x32: 'POP_MARK',
};

const MARK = Symbol('mark');
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The object the pickle in `bytes` describes. Throws PickleError. */
export function unpickle(bytes: Uint8Array, hooks: UnpicklerHooks): unknown {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 0;
  let stack: unknown[] = [];
  // MARK saves the stack so far and starts a new one, as CPython's metastack does.
  const metastack: unknown[][] = [];
  const memo = new Map<number, unknown>();

  let opcodeAt = 0;
  const where = (message: string): PickleError => {
    const error = new PickleError(`${message} (at byte ${opcodeAt} of the pickle)`);
    error.located = true;
    return error;
  };
  const fail = (message: string): never => {
    throw where(message);
  };
  const need = (n: number): number => {
    if (pos + n > bytes.length) fail('the pickle is truncated');
    const at = pos;
    pos += n;
    return at;
  };
  const pop = (): unknown => {
    if (stack.length === 0) fail('the pickle pops an empty stack');
    const value = stack.pop();
    if (value === MARK) fail('the pickle pops a MARK');
    return value;
  };
  const top = (): unknown => {
    if (stack.length === 0) fail('the pickle reads an empty stack');
    return stack[stack.length - 1];
  };
  const popMark = (): unknown[] => {
    const items = stack;
    const saved = metastack.pop();
    if (!saved) fail('the pickle has no MARK to pop to');
    stack = saved!;
    return items;
  };
  const text = (at: number, length: number): string => {
    try {
      return utf8.decode(bytes.subarray(at, at + length));
    } catch {
      return fail('a string of the pickle is not valid UTF-8');
    }
  };
  /** A GLOBAL operand: text up to a newline (the module, then the name). */
  const line = (): string => {
    const end = bytes.indexOf(0x0a, pos);
    if (end < 0) fail('the pickle is truncated in a GLOBAL');
    const value = text(pos, end - pos);
    pos = end + 1;
    return value;
  };
  const setItems = (target: unknown, items: unknown[]): void => {
    if (!(target instanceof PyDict)) fail('the pickle sets items on something that is not a dict');
    if (items.length % 2 !== 0) fail('the pickle sets a key without a value');
    for (let i = 0; i < items.length; i += 2) (target as PyDict).entries.set(items[i], items[i + 1]);
  };
  const appendItems = (target: unknown, items: unknown[]): void => {
    if (!(target instanceof PyList)) fail('the pickle appends to something that is not a list');
    (target as PyList).items.push(...items);
  };
  const memoGet = (index: number): unknown => {
    if (!memo.has(index)) fail(`the pickle reads memo entry ${index}, which it never stored`);
    return memo.get(index);
  };

  try {
    return run();
  } catch (error) {
    // A hook's refusal: say at which opcode it happened.
    if (error instanceof PickleError && !error.located) throw where(error.message);
    throw error;
  }

  function run(): unknown {
    for (;;) {
      opcodeAt = pos;
      const op = bytes[need(1)];
      switch (op) {
        case 0x80: { // PROTO: the protocol version, 2 for torch.save
          const version = bytes[need(1)];
          if (version > 5) fail(`pickle protocol ${version} is newer than any this reader knows`);
          break;
        }
        case 0x95: // FRAME (protocol 4): an 8-byte length hint, nothing to do
          need(8);
          break;
        case 0x2e: // STOP
          return pop();
        case 0x28: // MARK
          metastack.push(stack);
          stack = [];
          break;
        case 0x7d: // EMPTY_DICT
          stack.push(new PyDict());
          break;
        case 0x5d: // EMPTY_LIST
          stack.push(new PyList());
          break;
        case 0x29: // EMPTY_TUPLE
          stack.push(new PyTuple([]));
          break;
        case 0x4e: // NONE
          stack.push(null);
          break;
        case 0x88: // NEWTRUE
          stack.push(true);
          break;
        case 0x89: // NEWFALSE
          stack.push(false);
          break;
        case 0x4a: // BININT: signed 4-byte little-endian
          stack.push(view.getInt32(need(4), true));
          break;
        case 0x4b: // BININT1: unsigned 1 byte
          stack.push(bytes[need(1)]);
          break;
        case 0x4d: // BININT2: unsigned 2-byte little-endian
          stack.push(view.getUint16(need(2), true));
          break;
        case 0x8a: { // LONG1: a 1-byte length, then that many bytes of little-endian two's complement
          const n = bytes[need(1)];
          const at = need(n);
          let value = 0n;
          for (let i = n - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[at + i]);
          if (n > 0 && bytes[at + n - 1] & 0x80) value -= 1n << BigInt(8 * n);
          stack.push(value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value);
          break;
        }
        case 0x47: // BINFLOAT: 8-byte big-endian double
          stack.push(view.getFloat64(need(8), false));
          break;
        case 0x58: { // BINUNICODE: 4-byte little-endian length, UTF-8
          const length = view.getUint32(need(4), true);
          stack.push(text(need(length), length));
          break;
        }
        case 0x8c: { // SHORT_BINUNICODE (protocol 4): 1-byte length, UTF-8
          const length = bytes[need(1)];
          stack.push(text(need(length), length));
          break;
        }
        case 0x74: { // TUPLE: everything since the MARK
          // popMark first: it swaps `stack` back to the one below the MARK, which gets the tuple.
          const items = popMark();
          stack.push(new PyTuple(items));
          break;
        }
        case 0x85: // TUPLE1
          stack.push(new PyTuple([pop()]));
          break;
        case 0x86: { // TUPLE2
          const b = pop();
          stack.push(new PyTuple([pop(), b]));
          break;
        }
        case 0x87: { // TUPLE3
          const c = pop();
          const b = pop();
          stack.push(new PyTuple([pop(), b, c]));
          break;
        }
        case 0x73: { // SETITEM: dict[key] = value
          const value = pop();
          const key = pop();
          setItems(top(), [key, value]);
          break;
        }
        case 0x75: { // SETITEMS: key, value pairs since the MARK
          const items = popMark();
          setItems(top(), items);
          break;
        }
        case 0x61: { // APPEND
          const value = pop();
          appendItems(top(), [value]);
          break;
        }
        case 0x65: { // APPENDS
          const items = popMark();
          appendItems(top(), items);
          break;
        }
        case 0x71: // BINPUT: memo[1-byte index] = top
          memo.set(bytes[need(1)], top());
          break;
        case 0x72: // LONG_BINPUT: 4-byte index
          memo.set(view.getUint32(need(4), true), top());
          break;
        case 0x94: // MEMOIZE (protocol 4): memo[len(memo)] = top
          memo.set(memo.size, top());
          break;
        case 0x68: // BINGET
          stack.push(memoGet(bytes[need(1)]));
          break;
        case 0x6a: // LONG_BINGET
          stack.push(memoGet(view.getUint32(need(4), true)));
          break;
        case 0x63: { // GLOBAL: "module\nname\n"
          const module = line();
          const name = line();
          stack.push(hooks.findClass(module, name));
          break;
        }
        case 0x93: { // STACK_GLOBAL (protocol 4): module and name from the stack
          const name = pop();
          const module = pop();
          if (typeof module !== 'string' || typeof name !== 'string') fail('STACK_GLOBAL needs two strings');
          stack.push(hooks.findClass(module as string, name as string));
          break;
        }
        case 0x52: { // REDUCE: callable(*args)
          const args = pop();
          const callable = pop();
          if (!(args instanceof PyTuple)) fail('REDUCE needs a tuple of arguments');
          stack.push(hooks.reduce(callable, args as PyTuple));
          break;
        }
        case 0x62: { // BUILD: setstate(top, state)
          const state = pop();
          hooks.build(top(), state);
          break;
        }
        case 0x51: // BINPERSID: persistent_load(pid)
          stack.push(hooks.persistentLoad(pop()));
          break;
        default: {
          const name = OTHER_OPCODES[op];
          fail(name
            ? `the pickle uses the opcode ${name}, which a state dict does not need: Attention Explorer's reader refuses it`
            : `the pickle has an unknown opcode 0x${op.toString(16).padStart(2, '0')}`);
        }
      }
    }
  }
}
