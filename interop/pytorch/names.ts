// Python names for the graph's nodes: each node's display name (its id where it has none), made a
// valid identifier that is unique and collides with nothing the generated code or nn.Module uses.

const KEYWORDS = [
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif',
  'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or',
  'pass', 'raise', 'return', 'try', 'while', 'with', 'yield', 'match', 'case', 'type',
];

/**
 * What `forward` uses besides the node variables, and the attributes of nn.Module (torch 1.13 to 2.x):
 * a linear node becomes an attribute of the model under its name, which must not hide `train` or `to`.
 */
const RESERVED = [
  'self', 'data', 'batch_size', 'total_loss', 'torch', 'nn', 'F', 'len', 'dtype', 'bp_params',
  'add_module', 'apply', 'bfloat16', 'buffers', 'children', 'compile', 'cpu', 'cuda', 'double', 'dump_patches', 'eval',
  'extra_repr', 'float', 'forward', 'get_buffer', 'get_extra_state', 'get_parameter', 'get_submodule', 'half', 'ipu',
  'load_state_dict', 'modules', 'mtia', 'named_buffers', 'named_children', 'named_modules', 'named_parameters',
  'parameters', 'register_backward_hook', 'register_buffer', 'register_forward_hook', 'register_forward_pre_hook',
  'register_full_backward_hook', 'register_full_backward_pre_hook', 'register_load_state_dict_post_hook',
  'register_load_state_dict_pre_hook', 'register_module', 'register_parameter', 'register_state_dict_post_hook',
  'register_state_dict_pre_hook', 'requires_grad_', 'set_extra_state', 'set_submodule', 'share_memory', 'state_dict',
  'to', 'to_empty', 'train', 'training', 'type', 'xpu', 'zero_grad', 'T_destination', 'call_super_init',
];

const taken = new Set([...KEYWORDS, ...RESERVED]);

/**
 * `text` as a Python identifier, or '' when nothing of it is usable. NFKC first, as Python normalises
 * identifiers so: two names that differ only before it would be one variable. Characters that may
 * not appear in a name become `_`, and so do those beyond the Basic Multilingual Plane (an older
 * Python's Unicode tables may not know them as letters); leading underscores go (they would read as private, and nn.Module
 * keeps its internals there); a leading digit gets `node_` in front.
 */
export function identifier(text: string): string {
  const chars = [...text.normalize('NFKC')].map((c) => (c.length === 1 && /^\p{ID_Continue}$/u.test(c) ? c : '_'));
  const name = chars.join('').replace(/_+/g, '_').replace(/^_+|_+$/g, '');
  if (name === '') return '';
  return /^\p{ID_Start}/u.test(name) ? name : `node_${name}`;
}

/** One Python name per node id, unique, in the order given (the first of two "h"s keeps "h", the next is "h_2"). */
export function pythonNames(nodes: readonly { readonly id: string; readonly name?: string | undefined }[]): Map<string, string> {
  const used = new Set<string>();
  const out = new Map<string, string>();
  for (const node of nodes) {
    let base = identifier(node.name ?? '') || identifier(node.id) || 'node';
    if (taken.has(base)) base = `${base}_`;
    let name = base;
    for (let k = 2; used.has(name); k++) name = `${base}_${k}`;
    used.add(name);
    out.set(node.id, name);
  }
  return out;
}
