// A scalar reverse-mode autodiff in the style of micrograd, written from the math alone. It is the
// independent oracle the engine's values and gradients are compared against.
export class Value {
  data: number;
  grad = 0;
  readonly children: readonly Value[];
  /** Adds this node's contribution to its children's gradients, given this.grad. */
  private localBackward: () => void = () => {};

  constructor(data: number, children: readonly Value[] = []) {
    this.data = data;
    this.children = children;
  }

  static of(x: number | Value): Value {
    return x instanceof Value ? x : new Value(x);
  }

  /** A node with the given children and ∂out/∂child for each. */
  private static op(data: number, children: Value[], partials: number[]): Value {
    const out = new Value(data, children);
    out.localBackward = () => {
      children.forEach((c, i) => { c.grad += partials[i]! * out.grad; });
    };
    return out;
  }

  add(o: number | Value): Value {
    const b = Value.of(o);
    return Value.op(this.data + b.data, [this, b], [1, 1]);
  }

  sub(o: number | Value): Value {
    const b = Value.of(o);
    return Value.op(this.data - b.data, [this, b], [1, -1]);
  }

  mul(o: number | Value): Value {
    const b = Value.of(o);
    return Value.op(this.data * b.data, [this, b], [b.data, this.data]);
  }

  div(o: number | Value): Value {
    const b = Value.of(o);
    return Value.op(this.data / b.data, [this, b], [1 / b.data, -this.data / (b.data * b.data)]);
  }

  neg(): Value {
    return Value.op(-this.data, [this], [-1]);
  }

  exp(): Value {
    const e = Math.exp(this.data);
    return Value.op(e, [this], [e]);
  }

  log(): Value {
    return Value.op(Math.log(this.data), [this], [1 / this.data]);
  }

  tanh(): Value {
    const t = Math.tanh(this.data);
    return Value.op(t, [this], [1 - t * t]);
  }

  sigmoid(): Value {
    const s = 1 / (1 + Math.exp(-this.data));
    return Value.op(s, [this], [s * (1 - s)]);
  }

  relu(): Value {
    return Value.op(Math.max(0, this.data), [this], [this.data > 0 ? 1 : 0]);
  }

  sin(): Value {
    return Value.op(Math.sin(this.data), [this], [Math.cos(this.data)]);
  }

  cos(): Value {
    return Value.op(Math.cos(this.data), [this], [-Math.sin(this.data)]);
  }

  sqrt(): Value {
    const r = Math.sqrt(this.data);
    return Value.op(r, [this], [0.5 / r]);
  }

  /** this^o: ∂/∂this = o·this^(o−1), ∂/∂o = this^o·ln(this) (only where o is not a plain number). */
  pow(o: number | Value): Value {
    const b = Value.of(o), v = this.data ** b.data;
    return Value.op(v, [this, b], [b.data * this.data ** (b.data - 1), o instanceof Value ? v * Math.log(this.data) : 0]);
  }

  /** log(1 + eˣ), derivative σ(x). */
  softplus(): Value {
    const x = this.data;
    return Value.op(Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))), [this], [1 / (1 + Math.exp(-x))]);
  }

  /** max(this, o); a tie sends half the gradient each way (as torch.maximum). */
  max(o: Value): Value {
    const a = this.data, b = o.data;
    return Value.op(Math.max(a, b), [this, o], a === b ? [0.5, 0.5] : a > b ? [1, 0] : [0, 1]);
  }

  min(o: Value): Value {
    const a = this.data, b = o.data;
    return Value.op(Math.min(a, b), [this, o], a === b ? [0.5, 0.5] : a < b ? [1, 0] : [0, 1]);
  }

  /** |x|, with derivative sign(x) (0 at 0). */
  abs(): Value {
    return Value.op(Math.abs(this.data), [this], [Math.sign(this.data)]);
  }

  /** Passes the value through unchanged; used to read one consumer's share of a gradient. */
  identity(): Value {
    return Value.op(this.data, [this], [1]);
  }

  /** Topological order of everything this depends on, then the chain rule in reverse from dL/dL = 1. */
  backward(): void {
    const order: Value[] = [];
    const seen = new Set<Value>();
    const visit = (v: Value): void => {
      if (seen.has(v)) return;
      seen.add(v);
      for (const c of v.children) visit(c);
      order.push(v);
    };
    visit(this);
    this.grad = 1;
    for (let i = order.length - 1; i >= 0; i--) order[i]!.localBackward();
  }
}

export function sum(values: readonly Value[]): Value {
  return values.reduce<Value>((s, v) => s.add(v), new Value(0));
}
