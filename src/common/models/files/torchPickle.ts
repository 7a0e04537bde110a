/**
 * What the pickle of a torch.save'd state dict means: the allow-list of Python names it may
 * mention and the plain data each becomes. From torch/serialization.py (`_save`'s persistent_id,
 * `_load`'s persistent_load) and torch/_utils.py (`_rebuild_tensor_v2`, `_rebuild_parameter`):
 *
 * - a state dict is a `collections.OrderedDict` (REDUCE of the class with `()`, then SETITEMS,
 *   then BUILD with `{'_metadata': …}`, the per-module versions, which we ignore);
 * - each tensor is `torch._utils._rebuild_tensor_v2(storage, storage_offset, size, stride,
 *   requires_grad, backward_hooks[, metadata])`, sizes and strides in elements, backward_hooks an
 *   empty OrderedDict; an nn.Parameter wraps one in `_rebuild_parameter(data, requires_grad,
 *   backward_hooks)` (or `_rebuild_parameter_with_state(…, state)`);
 * - a storage is the persistent id `('storage', torch.FloatStorage, key, location, numel)`: its
 *   bytes are the archive's record `data/<key>`, numel elements of the storage type's dtype.
 *
 * Any other global (os.system, builtins.eval, …) is refused the moment GLOBAL names it.
 */
import { PickleError, PyDict, PyGlobal, PyTuple, type UnpicklerHooks } from './pickle';

/** The storage classes torch pickles (torch/storage.py `_get_dtype_from_pickle_storage_type`), in safetensors' dtype names. */
export const STORAGE_DTYPES: Readonly<Record<string, string>> = {
  FloatStorage: 'F32', HalfStorage: 'F16', BFloat16Storage: 'BF16', DoubleStorage: 'F64',
  LongStorage: 'I64', IntStorage: 'I32', ShortStorage: 'I16', CharStorage: 'I8', ByteStorage: 'U8', BoolStorage: 'BOOL',
  // An untyped storage counts its bytes (persistent_load: `dtype = torch.uint8`).
  UntypedStorage: 'U8',
};

export const DTYPE_BYTES: Readonly<Record<string, number>> = { F32: 4, F16: 2, BF16: 2, F64: 8, I64: 8, I32: 4, I16: 2, I8: 1, U8: 1, BOOL: 1 };

/** A storage class named by GLOBAL: only a dtype. */
export class StorageType {
  constructor(readonly qualifiedName: string, readonly dtype: string) {}
}

/** A storage named by a persistent id: its bytes are the record data/<key>. */
export interface StorageRef {
  readonly key: string;
  readonly dtype: string;
  /** In elements of dtype. */
  readonly numel: number;
}

/** A tensor as `_rebuild_tensor_v2` describes it: a view on a storage, in elements. */
export class TensorRef {
  constructor(
    readonly storage: StorageRef,
    readonly offset: number,
    readonly size: readonly number[],
    readonly stride: readonly number[],
  ) {}
}

const ALLOWED_FUNCTIONS = new Set([
  'collections.OrderedDict',
  'torch._utils._rebuild_tensor_v2',
  'torch._utils._rebuild_parameter',
  'torch._utils._rebuild_parameter_with_state',
  'torch.Size',
]);

/** The hooks for `unpickle`. They keep the storages seen, so one key always means one dtype. */
export function torchStateDictHooks(): UnpicklerHooks {
  const storages = new Map<string, StorageRef>();
  const fail = (message: string): never => {
    throw new PickleError(message);
  };
  return {
    findClass(module, name) {
      const qualified = `${module}.${name}`;
      if (ALLOWED_FUNCTIONS.has(qualified)) return new PyGlobal(module, name);
      // torch.FloatStorage …, and torch.storage.UntypedStorage / torch.UntypedStorage.
      if ((module === 'torch' || (module === 'torch.storage' && name === 'UntypedStorage')) && Object.hasOwn(STORAGE_DTYPES, name)) {
        return new StorageType(qualified, STORAGE_DTYPES[name]);
      }
      return fail(`the pickle asks for the Python global "${qualified}", which a state dict of tensors does not need: ` +
        'Attention Explorer refused the file and ran nothing from it');
    },

    persistentLoad(pid) {
      const items = pid instanceof PyTuple ? pid.items : [];
      const [tag, type, key, , numel] = items;
      if (items.length !== 5 || tag !== 'storage') fail('a persistent id of the pickle is not a (\'storage\', type, key, location, numel) tuple');
      if (!(type instanceof StorageType)) fail('a storage of the pickle has no storage type');
      if (typeof key !== 'string' || !/^[A-Za-z0-9_.-]+$/.test(key)) fail(`a storage key of the pickle is not a plain name: ${JSON.stringify(String(key))}`);
      if (!isCount(numel)) fail(`storage "${String(key)}" has an invalid size`);
      const { dtype } = type as StorageType;
      const seen = storages.get(key as string);
      if (seen) {
        if (seen.dtype !== dtype || seen.numel !== numel) fail(`storage "${String(key)}" is described twice, differently`);
        return seen;
      }
      const storage = { key: key as string, dtype, numel: numel as number };
      storages.set(storage.key, storage);
      return storage;
    },

    reduce(callable, args) {
      if (!(callable instanceof PyGlobal)) {
        return fail(callable instanceof StorageType ? `the pickle calls ${callable.qualifiedName}, which a state dict does not do` : 'the pickle calls something that is not an allowed function');
      }
      const a = args.items;
      switch (callable.toString()) {
        case 'collections.OrderedDict':
          if (a.length !== 0) fail('collections.OrderedDict is called with arguments; torch.save writes OrderedDict() and then its items');
          return new PyDict();
        case 'torch.Size':
          if (a.length !== 1 || !(a[0] instanceof PyTuple)) fail('torch.Size needs one tuple');
          return a[0];
        case 'torch._utils._rebuild_parameter':
        case 'torch._utils._rebuild_parameter_with_state':
          // (data, requires_grad, backward_hooks[, state]): the parameter is its data.
          if (a.length < 3 || !(a[0] instanceof TensorRef)) fail(`${callable.toString()} is not called with a tensor`);
          return a[0];
        case 'torch._utils._rebuild_tensor_v2':
          return rebuildTensor(a, fail);
        default:
          return fail(`${callable.toString()} cannot be called`);
      }
    },

    build(target, _state) {
      // An OrderedDict's __dict__ (state_dict's `_metadata`) and a tensor's Python attributes: neither matters here.
      if (target instanceof PyDict || target instanceof TensorRef) return;
      fail('the pickle sets the state of an object that is neither a dict nor a tensor');
    },
  };
}

function rebuildTensor(a: readonly unknown[], fail: (message: string) => never): TensorRef {
  const [storage, offset, size, stride] = a;
  if (a.length !== 6 && a.length !== 7) fail(`_rebuild_tensor_v2 is called with ${a.length} arguments, not 6 or 7`);
  if (typeof storage !== 'object' || storage === null || !('key' in storage)) fail('_rebuild_tensor_v2 is not called with a storage');
  if (!isCount(offset)) fail('a tensor of the pickle has an invalid storage offset');
  const dims = (value: unknown, what: string): number[] => {
    if (!(value instanceof PyTuple) || !value.items.every(isCount)) return fail(`a tensor of the pickle has an invalid ${what}`);
    return value.items as number[];
  };
  const sizes = dims(size, 'size');
  const strides = dims(stride, 'stride');
  if (sizes.length !== strides.length) fail('a tensor of the pickle has a size and a stride of different lengths');
  return new TensorRef(storage as StorageRef, offset as number, sizes, strides);
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
