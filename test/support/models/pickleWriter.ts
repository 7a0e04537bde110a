/**
 * Pickle bytes written opcode by opcode (Lib/pickletools.py), in the order CPython's pickler emits
 * them for torch.save(state_dict) at protocol 2: the .bin fixtures of the tests, made without torch.
 */
import { enc, u16, u32, u64 } from './bytes';

/** Pickle opcodes, as byte arrays. */
export const op = {
  PROTO: (v: number) => [0x80, v],
  GLOBAL: (module: string, name: string) => [0x63, ...enc.encode(`${module}\n${name}\n`)],
  BINPUT: (i: number) => [0x71, i],
  LONG_BINPUT: (i: number) => [0x72, ...u32(i)],
  BINGET: (i: number) => [0x68, i],
  LONG_BINGET: (i: number) => [0x6a, ...u32(i)],
  BINUNICODE: (s: string) => {
    const b = enc.encode(s);
    return [0x58, ...u32(b.length), ...b];
  },
  SHORT_BINUNICODE: (s: string) => {
    const b = enc.encode(s);
    return [0x8c, b.length, ...b];
  },
  BININT1: (n: number) => [0x4b, n],
  BININT2: (n: number) => [0x4d, ...u16(n)],
  BININT: (n: number) => [0x4a, ...u32(n)],
  LONG1: (bytes: number[]) => [0x8a, bytes.length, ...bytes],
  BINFLOAT: (x: number) => {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, x, false);
    return [0x47, ...b];
  },
  EMPTY_TUPLE: [0x29], EMPTY_DICT: [0x7d], EMPTY_LIST: [0x5d], MARK: [0x28], TUPLE: [0x74], TUPLE1: [0x85], TUPLE2: [0x86], TUPLE3: [0x87],
  REDUCE: [0x52], BUILD: [0x62], SETITEM: [0x73], SETITEMS: [0x75], APPEND: [0x61], APPENDS: [0x65], BINPERSID: [0x51],
  NONE: [0x4e], NEWTRUE: [0x88], NEWFALSE: [0x89], MEMOIZE: [0x94], STACK_GLOBAL: [0x93], FRAME: (n: number) => [0x95, ...u64(n)], STOP: [0x2e],
};

/** One tensor of a state dict, as statePickle writes it. */
export interface PickledTensor {
  readonly name: string;
  /** torch's storage class: FloatStorage (the default), HalfStorage, BFloat16Storage, LongStorage, … */
  readonly storageType?: string;
  readonly key: string;
  readonly numel: number;
  readonly offset?: number;
  readonly size: readonly number[];
  readonly stride?: readonly number[];
  /** Wrap in torch._utils._rebuild_parameter, as an nn.Parameter pickles. */
  readonly parameter?: boolean;
}

const int = (n: number) => (n < 256 ? op.BININT1(n) : n < 65536 ? op.BININT2(n) : op.BININT(n));
const tuple = (items: number[][]) =>
  items.length === 0 ? op.EMPTY_TUPLE : items.length <= 3 ? [...items.flat(), [0x85, 0x86, 0x87][items.length - 1]] : [...op.MARK, ...items.flat(), ...op.TUPLE];
const rowMajor = (size: readonly number[]) => size.map((_, d) => size.slice(d + 1).reduce((a, b) => a * b, 1));

/** A general state-dict pickle: the opcodes of torch.save's, without memo reuse. */
export function statePickle(tensors: readonly PickledTensor[]): Uint8Array {
  const body: number[] = [...op.PROTO(2), ...op.GLOBAL('collections', 'OrderedDict'), ...op.EMPTY_TUPLE, ...op.REDUCE, ...op.MARK];
  for (const t of tensors) {
    body.push(...op.BINUNICODE(t.name));
    if (t.parameter) body.push(...op.GLOBAL('torch._utils', '_rebuild_parameter'));
    body.push(...op.GLOBAL('torch._utils', '_rebuild_tensor_v2'), ...op.MARK);
    body.push(...op.MARK, ...op.BINUNICODE('storage'), ...op.GLOBAL('torch', t.storageType ?? 'FloatStorage'), ...op.BINUNICODE(t.key), ...op.BINUNICODE('cpu'), ...int(t.numel), ...op.TUPLE, ...op.BINPERSID);
    body.push(...int(t.offset ?? 0), ...tuple(t.size.map(int)), ...tuple((t.stride ?? rowMajor(t.size)).map(int)), ...op.NEWFALSE);
    body.push(...op.GLOBAL('collections', 'OrderedDict'), ...op.EMPTY_TUPLE, ...op.REDUCE, ...op.TUPLE, ...op.REDUCE);
    if (t.parameter) body.push(...op.NEWTRUE, ...op.GLOBAL('collections', 'OrderedDict'), ...op.EMPTY_TUPLE, ...op.REDUCE, ...op.TUPLE3, ...op.REDUCE);
  }
  body.push(...op.SETITEMS, ...op.STOP);
  return new Uint8Array(body);
}
