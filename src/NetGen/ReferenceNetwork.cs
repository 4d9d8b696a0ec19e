using System;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Threading;

namespace NetGen;

/// <summary>
/// The runtime interpreter of a <see cref="NetworkSpec"/>: the same members as a generated network, computed by plain
/// loops over the spec. It is written for clarity, independently of the code generator, and is the reference that
/// generated code is tested against.
/// </summary>
/// <remarks>
/// <para>Each kind of layer is one pair of methods, forward and backward, written as the direct loops of its formula:
/// dense z_j = Σ_k w_jk·x_k + b_j over the concatenated (flattened) sources; convolution
/// z[o,y,x] = Σ_{c,i,j} w[o,c,i,j]·a[c, y·s+i−p, x·s+j−p] + b[o] over the sources concatenated along channels, with zero
/// padding; max pooling (∂C/∂a to the first maximum of each window, as PyTorch), average pooling, global average pooling,
/// and the element-wise sum. The activations σ and σ' are a small switch of its own, in T (<see cref="Activate"/>,
/// <see cref="Derivative"/>), with LeakyReLU's slope from <see cref="LayerSpec.Slope"/>. This is deliberate: the
/// explanations (<see cref="GradientExplanation"/>, <see cref="GradientHealth"/>) describe activations and layer kinds
/// through one runtime table (NetGen.Calculus) and are checked against this interpreter, so the interpreter must not share
/// that table's code.</para>
/// <para>Softmax with cross-entropy is computed in log-softmax form, from the weighted sums z: the cost
/// C = −Σ_j y_j·(z_j − ln Σ_i e^(z_i)) with the log-sum-exp taken around the largest z, and ∂C/∂z_j = a_j·Σ_i y_i − y_j
/// directly, the exact derivative for any targets. No ln a or y/a is formed, so saturated outputs (a_j rounding to 0)
/// give a finite cost and gradient.</para>
/// <para>Thread safety: an instance keeps the activations and sensitivities of the example it is working on in its own
/// scratch memory, so no member that computes (<see cref="Forward"/>, <see cref="Backward"/>, <see cref="Step"/>,
/// <see cref="TrainBatch"/>, <see cref="InitializeParameters"/>) may be called while another such call on the same
/// instance is running. Such a call is detected: it throws <see cref="InvalidOperationException"/> before it reads or
/// writes anything, and the call already running completes normally. <see cref="Spec"/>, <see cref="InputCount"/>,
/// <see cref="OutputCount"/> and <see cref="ParameterCount"/> never change and may be read from any thread at any time;
/// <see cref="Parameters"/> must not be written while a call runs. Different instances share nothing (the spec is
/// immutable): each thread may train its own instance, with exactly the results it would get alone.</para>
/// </remarks>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class ReferenceNetwork<T> : INetwork<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly T Two = T.CreateChecked(2);

    private readonly T[] _parameters;
    // Per node (inputs first, then layers, in spec order): weighted sums z and activations a.
    private readonly T[][] _z;
    private readonly T[][] _a;
    private readonly T[][] _dC_da;
    private readonly T[][] _dC_dz;
    private readonly Shape[] _shapes;
    private readonly int[][] _sourceNodes;
    private readonly int[] _outputNodes;
    // Per layer: LeakyReLU's slope in T, and for a max pooling the index in its source of each window's winner.
    private readonly T[] _slopes;
    private readonly int[]?[] _winners;
    private T[]? _batchGradient;
    // 1 while a call is using the scratch memory above; a second, concurrent call finds it set and throws.
    private int _busy;

    /// <summary>An interpreter for <paramref name="spec"/>, with parameters drawn from <paramref name="seed"/>.</summary>
    public ReferenceNetwork(NetworkSpec spec, int seed = ParameterInitializer.DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Spec = spec;
        int inputs = spec.Inputs.Count;
        int nodes = inputs + spec.Layers.Count;
        _z = new T[nodes][];
        _a = new T[nodes][];
        _shapes = new Shape[nodes];
        _dC_da = new T[nodes][];
        _dC_dz = new T[nodes][];
        for (int n = 0; n < nodes; n++)
        {
            _shapes[n] = n < inputs ? spec.Inputs[n].Shape : spec.ShapeOf(n - inputs);
            int size = _shapes[n].Size;
            _z[n] = new T[size];
            _a[n] = new T[size];
            _dC_da[n] = new T[size];
            _dC_dz[n] = new T[size];
        }
        _sourceNodes = new int[spec.Layers.Count][];
        _slopes = new T[spec.Layers.Count];
        _winners = new int[spec.Layers.Count][];
        for (int l = 0; l < spec.Layers.Count; l++)
        {
            var sources = spec.Layers[l].Sources;
            _sourceNodes[l] = new int[sources.Count];
            for (int s = 0; s < sources.Count; s++) _sourceNodes[l][s] = NodeOf(sources[s]);
            _slopes[l] = T.CreateChecked(spec.Layers[l].Slope);
            if (spec.Layers[l].Kind == LayerKind.MaxPool) _winners[l] = new int[spec.Layers[l].Size];
        }
        _outputNodes = new int[spec.Outputs.Count];
        for (int o = 0; o < spec.Outputs.Count; o++) _outputNodes[o] = NodeOf(spec.Outputs[o].Source);
        _parameters = new T[spec.ParameterCount];
        InitializeParameters(seed);
    }

    /// <inheritdoc/>
    public NetworkSpec Spec { get; }
    /// <inheritdoc/>
    public int InputCount => Spec.InputCount;
    /// <inheritdoc/>
    public int OutputCount => Spec.OutputCount;
    /// <inheritdoc/>
    public int ParameterCount => Spec.ParameterCount;
    /// <inheritdoc/>
    public Span<T> Parameters => _parameters;

    /// <inheritdoc/>
    public void InitializeParameters(int seed)
    {
        Enter();
        try
        {
            ParameterInitializer.Initialize<T>(Spec, _parameters, seed);
        }
        finally
        {
            Exit();
        }
    }

    /// <inheritdoc/>
    public void Forward(ReadOnlySpan<T> input, Span<T> output)
    {
        NetworkGuard.CheckLength(input.Length, InputCount, nameof(input));
        NetworkGuard.CheckLength(output.Length, OutputCount, nameof(output));
        Enter();
        try
        {
            Evaluate(input);
            int offset = 0;
            foreach (int node in _outputNodes)
            {
                _a[node].CopyTo(output.Slice(offset));
                offset += _a[node].Length;
            }
        }
        finally
        {
            Exit();
        }
    }

    /// <inheritdoc/>
    public T Backward(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Span<T> gradient)
    {
        NetworkGuard.CheckLength(input.Length, InputCount, nameof(input));
        NetworkGuard.CheckLength(target.Length, OutputCount, nameof(target));
        NetworkGuard.CheckLength(gradient.Length, ParameterCount, nameof(gradient));
        Enter();
        try
        {
            return Accumulate(input, target, gradient);
        }
        finally
        {
            Exit();
        }
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRate"/> is NaN, infinite or negative; nothing changes.</exception>
    public void Step(ReadOnlySpan<T> gradient, T learningRate)
    {
        NetworkGuard.CheckLearningRate(learningRate, nameof(learningRate));
        NetworkGuard.CheckLength(gradient.Length, ParameterCount, nameof(gradient));
        Enter();
        try
        {
            Descend(gradient, learningRate);
        }
        finally
        {
            Exit();
        }
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRate"/> is NaN, infinite or negative; nothing changes.</exception>
    public T TrainBatch(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, T learningRate)
    {
        NetworkGuard.CheckLearningRate(learningRate, nameof(learningRate));
        int rows = NetworkGuard.CheckBatch(inputs.Length, targets.Length, InputCount, OutputCount);
        Enter();
        try
        {
            T[] gradient = _batchGradient ??= new T[ParameterCount];
            Array.Clear(gradient);
            T cost = T.Zero;
            for (int r = 0; r < rows; r++)
                cost += Accumulate(inputs.Slice(r * InputCount, InputCount), targets.Slice(r * OutputCount, OutputCount), gradient);
            T count = T.CreateChecked(rows);
            for (int i = 0; i < gradient.Length; i++) gradient[i] /= count;
            Descend(gradient, learningRate);
            return cost / count;
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>θ ← θ − η·g for every parameter.</summary>
    private void Descend(ReadOnlySpan<T> gradient, T learningRate)
    {
        for (int i = 0; i < _parameters.Length; i++)
            _parameters[i] -= learningRate * gradient[i];
    }

    /// <summary>Claims the scratch memory for this call, or throws if a call on another thread holds it.</summary>
    private void Enter()
    {
        if (Interlocked.Exchange(ref _busy, 1) != 0) ThrowConcurrentCall();
    }

    private void Exit() => Volatile.Write(ref _busy, 0);

    [DoesNotReturn]
    private static void ThrowConcurrentCall() =>
        throw new InvalidOperationException(
            $"This ReferenceNetwork<{typeof(T).Name}> is already computing on another thread; expected one call at a time per instance, " +
            "since an instance keeps the example it works on in its own scratch memory. Use one instance per thread.");

    private int NodeOf(string name)
    {
        for (int i = 0; i < Spec.Inputs.Count; i++)
            if (Spec.Inputs[i].Name == name) return i;
        return Spec.Inputs.Count + Spec.IndexOfLayer(name);
    }

    private void Evaluate(ReadOnlySpan<T> input)
    {
        int offset = 0;
        for (int n = 0; n < Spec.Inputs.Count; n++)
        {
            input.Slice(offset, _a[n].Length).CopyTo(_a[n]);
            offset += _a[n].Length;
        }
        for (int l = 0; l < Spec.Layers.Count; l++)
        {
            LayerSpec layer = Spec.Layers[l];
            int node = Spec.Inputs.Count + l;
            T[] z = _z[node], a = _a[node];
            switch (layer.Kind)
            {
                case LayerKind.Dense: DenseForward(l, z); break;
                case LayerKind.Conv: ConvForward(l, z); break;
                case LayerKind.Add: SumForward(l, z); break;
                case LayerKind.MaxPool: MaxPoolForward(l, z); break;
                case LayerKind.AvgPool: AvgPoolForward(l, z); break;
                case LayerKind.GlobalAvgPool: GlobalAvgPoolForward(l, z); break;
                default: throw new InvalidOperationException($"Unknown layer kind {layer.Kind}.");
            }
            // Dense layers and convolutions apply their activation; sums and poolings have none (a = z).
            if (layer.Kind is LayerKind.Dense or LayerKind.Conv) Activate(layer.Activation, _slopes[l], z, a);
            else z.CopyTo(a, 0);
        }
    }

    /// <summary>z_j = Σ_k w_jk·x_k + b_j, where x is the concatenation of the sources (an image read flattened, CHW).</summary>
    private void DenseForward(int l, T[] z)
    {
        int fanIn = Spec.FanIn(l);
        ReadOnlySpan<T> weights = _parameters.AsSpan(Spec.WeightOffset(l), z.Length * fanIn);
        ReadOnlySpan<T> biases = _parameters.AsSpan(Spec.BiasOffset(l), z.Length);
        for (int j = 0; j < z.Length; j++)
        {
            T sum = biases[j];
            int k = 0;
            foreach (int source in _sourceNodes[l])
                foreach (T x in _a[source])
                    sum += weights[j * fanIn + k++] * x;
            z[j] = sum;
        }
    }

    /// <summary>
    /// z[o,y,x] = Σ_{c,i,j} w[o,c,i,j]·a[c, y·s+i−p, x·s+j−p] + b[o]: the kernel of filter o slid over the sources
    /// concatenated along channels (source by source, channel c of the concatenation being channel c − offset of its
    /// source), with zeros outside the image (a tap on the padding adds nothing).
    /// </summary>
    private void ConvForward(int l, T[] z)
    {
        LayerSpec layer = Spec.Layers[l];
        Shape output = Spec.ShapeOf(l);
        int kh = layer.KernelHeight, kw = layer.KernelWidth, stride = layer.Stride, padding = layer.Padding;
        int channels = Spec.InputChannels(l), weights = Spec.WeightOffset(l), biases = Spec.BiasOffset(l);
        for (int o = 0; o < output.Channels; o++)
            for (int y = 0; y < output.Height; y++)
                for (int x = 0; x < output.Width; x++)
                {
                    T sum = _parameters[biases + o];
                    int c = 0;   // the channel of the concatenation
                    foreach (int source in _sourceNodes[l])
                    {
                        Shape input = _shapes[source];
                        T[] a = _a[source];
                        for (int sc = 0; sc < input.Channels; sc++, c++)
                            for (int i = 0; i < kh; i++)
                            {
                                int row = y * stride + i - padding;
                                if (row < 0 || row >= input.Height) continue;
                                for (int j = 0; j < kw; j++)
                                {
                                    int column = x * stride + j - padding;
                                    if (column < 0 || column >= input.Width) continue;
                                    sum += _parameters[weights + ((o * channels + c) * kh + i) * kw + j] * a[input.IndexOf(sc, row, column)];
                                }
                            }
                    }
                    z[output.IndexOf(o, y, x)] = sum;
                }
    }

    /// <summary>a_j = Σ_s a(s)_j: an element-wise sum of sources of one shape.</summary>
    private void SumForward(int l, T[] z)
    {
        Array.Clear(z);
        foreach (int source in _sourceNodes[l])
            for (int j = 0; j < z.Length; j++) z[j] += _a[source][j];
    }

    /// <summary>Each window's largest value; the winner is the first maximum in row-major window order (as PyTorch), so
    /// that a tie sends the whole gradient to one position.</summary>
    private void MaxPoolForward(int l, T[] z)
    {
        LayerSpec layer = Spec.Layers[l];
        int source = _sourceNodes[l][0];
        Shape input = _shapes[source], output = Spec.ShapeOf(l);
        T[] a = _a[source];
        int[] winners = _winners[l]!;
        for (int c = 0; c < output.Channels; c++)
            for (int y = 0; y < output.Height; y++)
                for (int x = 0; x < output.Width; x++)
                {
                    int best = input.IndexOf(c, y * layer.Stride, x * layer.Stride);
                    for (int i = 0; i < layer.KernelHeight; i++)
                        for (int j = 0; j < layer.KernelWidth; j++)
                        {
                            int k = input.IndexOf(c, y * layer.Stride + i, x * layer.Stride + j);
                            if (a[k] > a[best]) best = k;
                        }
                    int n = output.IndexOf(c, y, x);
                    winners[n] = best;
                    z[n] = a[best];
                }
    }

    /// <summary>Each window's mean.</summary>
    private void AvgPoolForward(int l, T[] z)
    {
        LayerSpec layer = Spec.Layers[l];
        int source = _sourceNodes[l][0];
        Shape input = _shapes[source], output = Spec.ShapeOf(l);
        T[] a = _a[source];
        T count = T.CreateChecked(layer.KernelHeight * layer.KernelWidth);
        for (int c = 0; c < output.Channels; c++)
            for (int y = 0; y < output.Height; y++)
                for (int x = 0; x < output.Width; x++)
                {
                    T sum = T.Zero;
                    for (int i = 0; i < layer.KernelHeight; i++)
                        for (int j = 0; j < layer.KernelWidth; j++)
                            sum += a[input.IndexOf(c, y * layer.Stride + i, x * layer.Stride + j)];
                    z[output.IndexOf(c, y, x)] = sum / count;
                }
    }

    /// <summary>Each channel's mean over the whole image.</summary>
    private void GlobalAvgPoolForward(int l, T[] z)
    {
        int source = _sourceNodes[l][0];
        Shape input = _shapes[source];
        T[] a = _a[source];
        int area = input.Height * input.Width;
        for (int c = 0; c < input.Channels; c++)
        {
            T sum = T.Zero;
            for (int k = c * area; k < (c + 1) * area; k++) sum += a[k];
            z[c] = sum / T.CreateChecked(area);
        }
    }

    /// <summary>a = σ(z) for a layer; <paramref name="slope"/> is LeakyReLU's below zero.</summary>
    private static void Activate(Activation activation, T slope, T[] z, T[] a)
    {
        if (activation == Activation.Softmax)
        {
            T max = z[0];
            foreach (T value in z) max = T.Max(max, value);
            T total = T.Zero;
            for (int j = 0; j < z.Length; j++) total += a[j] = T.Exp(z[j] - max);
            for (int j = 0; j < z.Length; j++) a[j] /= total;
            return;
        }
        for (int j = 0; j < z.Length; j++)
        {
            T v = z[j];
            a[j] = activation switch
            {
                Activation.Identity => v,
                Activation.Sigmoid => T.One / (T.One + T.Exp(-v)),
                Activation.Tanh => T.Tanh(v),
                Activation.ReLU => v > T.Zero ? v : T.Zero,
                Activation.LeakyReLU => v > T.Zero ? v : slope * v,
                Activation.Softplus => T.Log(T.One + T.Exp(v)),
                _ => throw new InvalidOperationException($"Unknown activation {activation}."),
            };
        }
    }

    /// <summary>The derivative σ'(z) of an element-wise activation; <paramref name="slope"/> is LeakyReLU's below zero.</summary>
    private static T Derivative(Activation activation, T slope, T z, T a) => activation switch
    {
        Activation.Identity => T.One,
        Activation.Sigmoid => a * (T.One - a),
        Activation.Tanh => T.One - a * a,
        Activation.ReLU => z > T.Zero ? T.One : T.Zero,
        Activation.LeakyReLU => z > T.Zero ? T.One : slope,
        Activation.Softplus => T.One / (T.One + T.Exp(-z)),
        _ => throw new InvalidOperationException($"No element-wise derivative for {activation}."),
    };

    private T Accumulate(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Span<T> gradient)
    {
        Evaluate(input);
        foreach (T[] sensitivity in _dC_da) Array.Clear(sensitivity);
        foreach (T[] sensitivity in _dC_dz) Array.Clear(sensitivity);

        // The cost of every output, each weighted by its share of the total cost. Squared error gives ∂C/∂a; softmax
        // with cross-entropy gives ∂C/∂z of its layer directly (no layer reads a softmax layer, so nothing else adds to it).
        T cost = T.Zero;
        int offset = 0;
        for (int o = 0; o < Spec.Outputs.Count; o++)
        {
            OutputSpec output = Spec.Outputs[o];
            T weight = T.CreateChecked(output.Weight);
            int node = _outputNodes[o];
            T[] a = _a[node];
            ReadOnlySpan<T> y = target.Slice(offset, a.Length);
            offset += a.Length;
            if (output.Loss == Loss.SquaredError)
            {
                for (int j = 0; j < a.Length; j++)
                {
                    T difference = a[j] - y[j];
                    cost += weight * difference * difference;
                    _dC_da[node][j] += weight * Two * difference;
                }
            }
            else
            {
                cost += weight * CrossEntropy(_z[node], a, y, weight, _dC_dz[node]);
            }
        }

        // Layers from last to first (so ∂C/∂a of a layer is complete when it is reached): ∂C/∂z from ∂C/∂a through the
        // activation, then the layer's own backward step adds ∂C/∂θ to the gradient and ∂C/∂x to every value x it read.
        for (int l = Spec.Layers.Count - 1; l >= 0; l--)
        {
            LayerSpec layer = Spec.Layers[l];
            int node = Spec.Inputs.Count + l;
            T[] z = _z[node], a = _a[node], dC_da = _dC_da[node], dz = _dC_dz[node];
            if (layer.Kind is not (LayerKind.Dense or LayerKind.Conv))
            {
                dC_da.CopyTo(dz, 0);   // no activation: ∂a/∂z = 1
            }
            else if (layer.Activation == Activation.Softmax)
            {
                // ∂C/∂z_j = Σ_i ∂C/∂a_i · a_i(δ_ij − a_j), added to the cross-entropy's own ∂C/∂z_j (if any) already in dz.
                for (int j = 0; j < z.Length; j++)
                {
                    T sum = T.Zero;
                    for (int i = 0; i < z.Length; i++)
                        sum += dC_da[i] * a[i] * ((i == j ? T.One : T.Zero) - a[j]);
                    dz[j] += sum;
                }
            }
            else
            {
                for (int j = 0; j < z.Length; j++)
                    dz[j] = dC_da[j] * Derivative(layer.Activation, _slopes[l], z[j], a[j]);
            }

            switch (layer.Kind)
            {
                case LayerKind.Dense: DenseBackward(l, dz, gradient); break;
                case LayerKind.Conv: ConvBackward(l, dz, gradient); break;
                case LayerKind.Add: SumBackward(l, dz); break;
                case LayerKind.MaxPool: MaxPoolBackward(l, dz); break;
                case LayerKind.AvgPool: AvgPoolBackward(l, dz); break;
                case LayerKind.GlobalAvgPool: GlobalAvgPoolBackward(l, dz); break;
                default: throw new InvalidOperationException($"Unknown layer kind {layer.Kind}.");
            }
        }
        return cost;
    }

    /// <summary>∂C/∂w_jk = x_k·∂C/∂z_j, ∂C/∂b_j = ∂C/∂z_j, and ∂C/∂x_k += w_jk·∂C/∂z_j summed over the neurons j.</summary>
    private void DenseBackward(int l, T[] dz, Span<T> gradient)
    {
        int fanIn = Spec.FanIn(l);
        int weightOffset = Spec.WeightOffset(l), biasOffset = Spec.BiasOffset(l);
        for (int j = 0; j < dz.Length; j++)
        {
            int k = 0;
            foreach (int source in _sourceNodes[l])
            {
                T[] x = _a[source], dC_dx = _dC_da[source];
                for (int i = 0; i < x.Length; i++, k++)
                {
                    T w = _parameters[weightOffset + j * fanIn + k];
                    gradient[weightOffset + j * fanIn + k] += x[i] * dz[j];
                    dC_dx[i] += w * dz[j];
                }
            }
            gradient[biasOffset + j] += dz[j];
        }
    }

    /// <summary>
    /// For every output (o, y, x) and every kernel tap (c, i, j) that falls on the image:
    /// ∂C/∂w[o,c,i,j] += a[c, y·s+i−p, x·s+j−p]·∂C/∂z[o,y,x] and ∂C/∂a[c, y·s+i−p, x·s+j−p] += w[o,c,i,j]·∂C/∂z[o,y,x];
    /// ∂C/∂b[o] += ∂C/∂z[o,y,x]. A weight is shared by every position, so its gradient is the sum over them.
    /// </summary>
    private void ConvBackward(int l, T[] dz, Span<T> gradient)
    {
        LayerSpec layer = Spec.Layers[l];
        Shape output = Spec.ShapeOf(l);
        int kh = layer.KernelHeight, kw = layer.KernelWidth, stride = layer.Stride, padding = layer.Padding;
        int channels = Spec.InputChannels(l), weights = Spec.WeightOffset(l), biases = Spec.BiasOffset(l);
        for (int o = 0; o < output.Channels; o++)
            for (int y = 0; y < output.Height; y++)
                for (int x = 0; x < output.Width; x++)
                {
                    T g = dz[output.IndexOf(o, y, x)];
                    gradient[biases + o] += g;
                    int c = 0;
                    foreach (int source in _sourceNodes[l])
                    {
                        Shape input = _shapes[source];
                        T[] a = _a[source], dC_da = _dC_da[source];
                        for (int sc = 0; sc < input.Channels; sc++, c++)
                            for (int i = 0; i < kh; i++)
                            {
                                int row = y * stride + i - padding;
                                if (row < 0 || row >= input.Height) continue;
                                for (int j = 0; j < kw; j++)
                                {
                                    int column = x * stride + j - padding;
                                    if (column < 0 || column >= input.Width) continue;
                                    int w = weights + ((o * channels + c) * kh + i) * kw + j, k = input.IndexOf(sc, row, column);
                                    gradient[w] += a[k] * g;
                                    dC_da[k] += _parameters[w] * g;
                                }
                            }
                    }
                }
    }

    /// <summary>∂a_j/∂a(s)_j = 1: the sensitivity passes unchanged to every source.</summary>
    private void SumBackward(int l, T[] dz)
    {
        foreach (int source in _sourceNodes[l])
            for (int j = 0; j < dz.Length; j++) _dC_da[source][j] += dz[j];
    }

    /// <summary>∂C/∂a of each window goes to its winner only (∂max/∂a = 1 there, 0 elsewhere).</summary>
    private void MaxPoolBackward(int l, T[] dz)
    {
        T[] dC_da = _dC_da[_sourceNodes[l][0]];
        int[] winners = _winners[l]!;
        for (int n = 0; n < dz.Length; n++) dC_da[winners[n]] += dz[n];
    }

    /// <summary>∂C/∂a of each window is spread evenly over it: each value gets ∂C/∂a / (kH·kW).</summary>
    private void AvgPoolBackward(int l, T[] dz)
    {
        LayerSpec layer = Spec.Layers[l];
        int source = _sourceNodes[l][0];
        Shape input = _shapes[source], output = Spec.ShapeOf(l);
        T[] dC_da = _dC_da[source];
        T count = T.CreateChecked(layer.KernelHeight * layer.KernelWidth);
        for (int c = 0; c < output.Channels; c++)
            for (int y = 0; y < output.Height; y++)
                for (int x = 0; x < output.Width; x++)
                {
                    T share = dz[output.IndexOf(c, y, x)] / count;
                    for (int i = 0; i < layer.KernelHeight; i++)
                        for (int j = 0; j < layer.KernelWidth; j++)
                            dC_da[input.IndexOf(c, y * layer.Stride + i, x * layer.Stride + j)] += share;
                }
    }

    /// <summary>∂C/∂a of each channel's mean is spread evenly over the channel: each value gets ∂C/∂a_c / (H·W).</summary>
    private void GlobalAvgPoolBackward(int l, T[] dz)
    {
        int source = _sourceNodes[l][0];
        Shape input = _shapes[source];
        T[] dC_da = _dC_da[source];
        int area = input.Height * input.Width;
        for (int c = 0; c < input.Channels; c++)
        {
            T share = dz[c] / T.CreateChecked(area);
            for (int k = c * area; k < (c + 1) * area; k++) dC_da[k] += share;
        }
    }

    /// <summary>
    /// The cross-entropy C = −Σ_j y_j·ln a_j of a softmax layer, in log-softmax form: ln a_j = z_j − ln Σ_i e^(z_i), the
    /// log-sum-exp taken around the largest z so that no exponential overflows. Adds the weighted
    /// ∂C/∂z_j = weight·(a_j·Σ_i y_i − y_j) into <paramref name="dC_dz"/> and returns the unweighted cost.
    /// </summary>
    /// <remarks>
    /// ∂C/∂z_j = −Σ_i y_i·∂(ln a_i)/∂z_j = −Σ_i y_i·(δ_ij − a_j) = a_j·Σ_i y_i − y_j: exact for any targets, and
    /// a_j − y_j when they sum to 1.
    /// </remarks>
    private static T CrossEntropy(T[] z, T[] a, ReadOnlySpan<T> y, T weight, T[] dC_dz)
    {
        T max = z[0];
        foreach (T value in z) max = T.Max(max, value);
        T sumOfExponentials = T.Zero;
        foreach (T value in z) sumOfExponentials += T.Exp(value - max);
        T logSumExp = max + T.Log(sumOfExponentials);

        T targetSum = T.Zero;
        foreach (T value in y) targetSum += value;

        T cost = T.Zero;
        for (int j = 0; j < z.Length; j++)
        {
            if (y[j] != T.Zero) cost -= y[j] * (z[j] - logSumExp);
            dC_dz[j] += weight * (a[j] * targetSum - y[j]);
        }
        return cost;
    }
}
