// The training loop, written out: the file's settings, the app's shuffling (its seeded generator
// reimplemented: a few lines, where embedding every epoch's order would take megabytes), the
// optimiser, and the distributed split of each batch under torchrun.
import type { ExportPlan } from './plan.ts';
import { pyNumber, pyString } from './python.ts';

const RULE = `# ${'-'.repeat(98)}`;

/** The app's loss per sample (what its charts show): mean losses as they are, summed ones over the samples. */
function perSample(plan: ExportPlan): string {
  return plan.losses.map((n) => `outputs[${pyString(n.id)}].item()${n.reduction === 'sum' ? ' / samples' : ''}`).join(' + ');
}

function optimizerLine(plan: ExportPlan): string {
  const s = plan.settings;
  const decay = s.weightDecay > 0 ? ', weight_decay=WEIGHT_DECAY' : '';
  return s.optimizer === 'adam'
    ? `    optimizer = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE, betas=(${pyNumber(s.beta1)}, ${pyNumber(s.beta2)}), eps=${pyNumber(s.epsilon)}${decay})`
    : `    optimizer = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE${s.momentum > 0 ? `, momentum=${pyNumber(s.momentum)}` : ''}${decay})`;
}

/** L1's subgradient λ₁ sign(θ) added to every gradient, before the optimiser adds weight_decay·θ (the engine's order). */
function penaltyLines(plan: ExportPlan): string[] {
  const s = plan.settings;
  if (s.weightDecay === 0 && s.l1 === 0) return [];
  return [
    '            with torch.no_grad():',
    '                for p in model.parameters():',
    '                    if p.grad is None:  # a parameter reaching no loss: the penalty still acts on it, as in the app',
    '                        p.grad = torch.zeros_like(p)',
    ...(s.l1 > 0 ? ['                    p.grad.add_(torch.sign(p), alpha=L1)  # d(L1 · Σ|θ|)/dθ, 0 at θ = 0'] : []),
  ];
}

function accuracyLines(plan: ExportPlan): string[] {
  const p = plan.prediction;
  if (!p) return ['    return loss, None'];
  const pred = `outputs[${pyString(p.nodeId)}]`, labels = `data[${pyString(p.labelsId)}]`;
  const right = p.columns === 1
    ? [`    right = (${pred} > ${pyNumber(p.threshold)}) == (${labels} > 0.5)  # one column: above ${pyNumber(p.threshold)} is class 1`]
    : [`    right = ${pred}.argmax(dim=1) == ${labels}.argmax(dim=1)  # the most likely class is the labelled one`];
  return [...right, '    return loss, right.double().mean().item()'];
}

/** Why `train` cannot run, or null: the engine's own refusals, in its words. */
function cannotTrain(plan: ExportPlan): string | null {
  if (plan.losses.length === 0) return 'the graph has no loss node, so there is nothing to minimise; connect a loss (mse, bce or softmax_ce)';
  if (plan.params.length === 0) return 'no node has parameters, so there is nothing to train; add a linear layer';
  if (!plan.trainable) return 'no parameter has a path to a loss, so training cannot change anything';
  return null;
}

export function trainingCode(plan: ExportPlan): string[] {
  const s = plan.settings;
  const first = plan.data[0] ? pyString(plan.data[0].nodeId) : null;
  const refusal = cannotTrain(plan);
  const settings = [
    `EPOCHS = ${s.epochs}`,
    `BATCH_SIZE = ${s.batchSize}  # samples per step (all of them, when there are fewer)`,
    `LEARNING_RATE = ${pyNumber(s.learningRate)}`,
    `SHUFFLE_SEED = ${s.seed}  # seeds the order of the samples in every epoch`,
    ...(s.weightDecay > 0 ? [`WEIGHT_DECAY = ${pyNumber(s.weightDecay)}  # L2: weight_decay·θ added to every gradient`] : []),
    ...(s.l1 > 0 ? [`L1 = ${pyNumber(s.l1)}  # L1: L1·sign(θ) added to every gradient`] : []),
  ];
  const evaluation = first === null ? [] : [
    '@torch.no_grad()',
    'def evaluate(model, split):',
    `    """Loss per sample${plan.prediction ? ' and accuracy' : ''} over a whole split, as the app's Training panel shows ${plan.prediction ? 'them' : 'it'} (None: no such samples)."""`,
    '    data = model.data(split)',
    `    samples = len(data[${first}])`,
    '    if samples == 0:',
    '        return None',
    '    outputs = model(data)["outputs"]',
    `    loss = ${perSample(plan)}`,
    ...accuracyLines(plan),
    '',
    '',
    'def report(model, epoch, epochs):',
    '    line = f"epoch {epoch}/{epochs}"',
    '    for split in ("train", "test"):',
    '        result = evaluate(model, split)',
    '        if result is not None:',
    '            line += f"  {split} loss {result[0]:.4g}" + (f"  {split} accuracy {100 * result[1]:.1f}%" if result[1] is not None else "")',
    '    print(line, flush=True)',
    '',
    '',
  ];
  const loop = refusal !== null ? [`    raise SystemExit(${pyString(`cannot train: ${refusal}`)})`] : [
    '    rank, world_size = 0, 1',
    '    distributed = "WORLD_SIZE" in os.environ  # set by torchrun',
    '    if distributed:',
    '        dist.init_process_group("nccl" if device == "cuda" else "gloo")',
    '        rank, world_size = dist.get_rank(), dist.get_world_size()',
    '        if device == "cuda":',
    '            device = f"cuda:{os.environ[\'LOCAL_RANK\']}"',
    '            torch.cuda.set_device(device)',
    '    model = Model(dtype=dtype).to(device)',
    plan.unusedParams
      ? '    net = DDP(model, find_unused_parameters=True) if distributed else model  # some parameters reach no loss'
      : '    net = DDP(model) if distributed else model',
    optimizerLine(plan),
    '    data = model.data("train")',
    `    samples = len(data[${first}])`,
    '    batch_size = min(BATCH_SIZE, samples)',
    '    rng = mulberry32(hash_seed(SHUFFLE_SEED, "shuffle"))',
    '    report_every = max(1, epochs // 10)',
    '    for epoch in range(1, epochs + 1):',
    '        order = torch.tensor(permutation(samples, rng))',
    '        for start in range(0, samples, batch_size):',
    '            rows = order[start:start + batch_size]',
    '            mine = rows[rank::world_size]  # this process\'s share of the batch (all of it on one process)',
    '            loss = net({node: value[mine] for node, value in data.items()}, batch_size=len(rows))["loss"]',
    '            stop_unless_finite(loss, epoch, distributed)',
    '            optimizer.zero_grad()',
    '            # Each process\'s loss is its share of the batch\'s total (mean losses divide by the whole',
    '            # batch); DDP averages gradients over the processes, so world_size turns that into their sum.',
    '            (loss * world_size).backward()',
    ...penaltyLines(plan),
    '            optimizer.step()',
    '        if rank == 0 and (epoch % report_every == 0 or epoch == epochs):',
    '            report(model, epoch, epochs)',
    '    if distributed:',
    '        dist.barrier()  # every process done with its collectives before teardown (pytorch/pytorch#75097)',
    '        dist.destroy_process_group()',
    '    return model',
  ];
  return [
    RULE,
    '# Training, step for step as the app trains: the same batches in the same order, the same updates.',
    RULE,
    '',
    '# The file\'s training settings (the app\'s Training panel).',
    ...settings,
    '',
    '',
    'def mulberry32(seed):',
    '    """The app\'s random numbers (mulberry32): floats in [0, 1) from a 32-bit state."""',
    '    state = seed & 0xFFFFFFFF',
    '',
    '    def next_float():',
    '        nonlocal state',
    '        state = (state + 0x6D2B79F5) & 0xFFFFFFFF',
    '        t = state',
    '        t = ((t ^ (t >> 15)) * (t | 1)) & 0xFFFFFFFF',
    '        t ^= (t + ((t ^ (t >> 7)) * (t | 61))) & 0xFFFFFFFF',
    '        return (t ^ (t >> 14)) / 4294967296',
    '',
    '    return next_float',
    '',
    '',
    'def hash_seed(seed, text):',
    '    """FNV-1a of the text, mixed with the seed: how the app derives the seed of one random stream."""',
    '    h = 0x811C9DC5 ^ seed',
    '    for ch in text:',
    '        h = ((h ^ ord(ch)) * 0x01000193) & 0xFFFFFFFF',
    '    return h',
    '',
    '',
    'def permutation(n, rng):',
    '    """Fisher–Yates over 0 … n−1: the order of the training samples in one epoch."""',
    '    order = list(range(n))',
    '    for i in range(n - 1, 0, -1):',
    '        j = int(rng() * (i + 1))',
    '        order[i], order[j] = order[j], order[i]',
    '    return order',
    '',
    '',
    'def stop_unless_finite(loss, epoch, distributed):',
    '    """Stops where the app stops: before an update from a loss that is NaN or infinite."""',
    '    total = loss.detach().clone()',
    '    if distributed:',
    '        dist.all_reduce(total)  # the whole batch\'s loss, so that every process decides alike',
    '    if not torch.isfinite(total):',
    '        raise SystemExit(f"the loss is {total.item()} in epoch {epoch}: training stopped (try a smaller learning rate)")',
    '',
    '',
    ...evaluation,
    'def train(epochs=EPOCHS, device="cpu", dtype=torch.float64):',
    '    """Trains from the file\'s parameters with its settings and returns the model.',
    '',
    '    One process follows the app step for step (in float64 on the CPU its parameters equal the app\'s,',
    '    to rounding). Under torchrun every process takes every K-th sample of each batch and DDP',
    '    combines the gradients, so K processes make the same updates as one.',
    '    """',
    ...loop,
    '',
    '',
    'def save_parameters(model, path):',
    '    """Writes {"<node id>.<param>": {"shape": [...], "data": [...]}}: the app\'s names, data row-major."""',
    '    params = {key: {"shape": list(p.shape), "data": p.detach().cpu().flatten().tolist()} for key, p in model.bp_params.items()}',
    '    with open(path, "w") as f:',
    '        json.dump(params, f)',
    '',
    '',
    'def positive_int(text):',
    '    value = int(text)',
    '    if value < 1:',
    '        raise argparse.ArgumentTypeError(f"expected a positive whole number, got {text}")',
    '    return value',
    '',
    '',
    'def main(argv=None):',
    `    parser = argparse.ArgumentParser(description=${pyString(`${plan.title}: exported from Backprop Studio`)})`,
    '    commands = parser.add_subparsers(dest="command", required=True)',
    '    train_command = commands.add_parser("train", help="train with the file\'s settings (under torchrun: on every process)")',
    '    train_command.add_argument("--epochs", type=positive_int, default=EPOCHS, help=f"default {EPOCHS}")',
    '    train_command.add_argument("--out", help="write the trained parameters to this JSON file")',
    '    train_command.add_argument("--device", choices=["cpu", "cuda"], default="cpu")',
    '    train_command.add_argument("--dtype", choices=["float64", "float32"], default="float64", help="float64 (default) computes as the app does")',
    '    args = parser.parse_args(argv)',
    '    model = train(args.epochs, args.device, getattr(torch, args.dtype))',
    '    if args.out and int(os.environ.get("RANK", "0")) == 0:',
    '        save_parameters(model, args.out)',
  ];
}
