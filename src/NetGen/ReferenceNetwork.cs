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
    private static readonly T LeakySlope = T.CreateChecked(0.01);

    private readonly T[] _parameters;
    // Per node (inputs first, then layers, in spec order): weighted sums z and activations a.
    private readonly T[][] _z;
    private readonly T[][] _a;
    private readonly T[][] _dC_da;
    private readonly T[][] _dC_dz;
    private readonly int[][] _sourceNodes;
    private readonly int[] _outputNodes;
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
        _dC_da = new T[nodes][];
        _dC_dz = new T[nodes][];
        for (int n = 0; n < nodes; n++)
        {
            int size = n < inputs ? spec.Inputs[n].Size : spec.Layers[n - inputs].Size;
            _z[n] = new T[size];
            _a[n] = new T[size];
            _dC_da[n] = new T[size];
            _dC_dz[n] = new T[size];
        }
        _sourceNodes = new int[spec.Layers.Count][];
        for (int l = 0; l < spec.Layers.Count; l++)
        {
            var sources = spec.Layers[l].Sources;
            _sourceNodes[l] = new int[sources.Count];
            for (int s = 0; s < sources.Count; s++) _sourceNodes[l][s] = NodeOf(sources[s]);
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
            if (layer.Kind == LayerKind.Add)
            {
                // a_j = Σ_s a(s)_j: an element-wise sum of equal-size sources.
                Array.Clear(a);
                foreach (int source in _sourceNodes[l])
                    for (int j = 0; j < a.Length; j++) a[j] += _a[source][j];
                a.CopyTo(z, 0);
                continue;
            }
            int fanIn = Spec.FanIn(l);
            ReadOnlySpan<T> weights = _parameters.AsSpan(Spec.WeightOffset(l), layer.Size * fanIn);
            ReadOnlySpan<T> biases = _parameters.AsSpan(Spec.BiasOffset(l), layer.Size);
            for (int j = 0; j < layer.Size; j++)
            {
                // z_j = Σ_k w_jk·x_k + b_j, where x is the concatenation of the sources.
                T sum = biases[j];
                int k = 0;
                foreach (int source in _sourceNodes[l])
                    foreach (T x in _a[source])
                        sum += weights[j * fanIn + k++] * x;
                z[j] = sum;
            }
            Activate(layer.Activation, z, a);
        }
    }

    private static void Activate(Activation activation, T[] z, T[] a)
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
                Activation.LeakyReLU => v > T.Zero ? v : LeakySlope * v,
                Activation.Softplus => T.Log(T.One + T.Exp(v)),
                _ => throw new InvalidOperationException($"Unknown activation {activation}."),
            };
        }
    }

    /// <summary>The derivative σ'(z) of an element-wise activation.</summary>
    private static T Derivative(Activation activation, T z, T a) => activation switch
    {
        Activation.Identity => T.One,
        Activation.Sigmoid => a * (T.One - a),
        Activation.Tanh => T.One - a * a,
        Activation.ReLU => z > T.Zero ? T.One : T.Zero,
        Activation.LeakyReLU => z > T.Zero ? T.One : LeakySlope,
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

        // Layers from last to first: ∂C/∂z, then ∂C/∂w = x·∂C/∂z, ∂C/∂b = ∂C/∂z, and ∂C/∂x summed over the neurons reading x.
        for (int l = Spec.Layers.Count - 1; l >= 0; l--)
        {
            LayerSpec layer = Spec.Layers[l];
            int node = Spec.Inputs.Count + l;
            T[] z = _z[node], a = _a[node], dC_da = _dC_da[node];
            if (layer.Kind == LayerKind.Add)
            {
                // ∂a_j/∂a(s)_j = 1: the sensitivity passes unchanged to every source.
                foreach (int source in _sourceNodes[l])
                    for (int j = 0; j < dC_da.Length; j++) _dC_da[source][j] += dC_da[j];
                continue;
            }
            int fanIn = Spec.FanIn(l);
            T[] dz = _dC_dz[node];
            if (layer.Activation == Activation.Softmax)
            {
                // ∂C/∂z_j = Σ_i ∂C/∂a_i · a_i(δ_ij − a_j), added to the cross-entropy's own ∂C/∂z_j (if any) already in dz.
                for (int j = 0; j < layer.Size; j++)
                {
                    T sum = T.Zero;
                    for (int i = 0; i < layer.Size; i++)
                        sum += dC_da[i] * a[i] * ((i == j ? T.One : T.Zero) - a[j]);
                    dz[j] += sum;
                }
            }
            else
            {
                for (int j = 0; j < layer.Size; j++)
                    dz[j] = dC_da[j] * Derivative(layer.Activation, z[j], a[j]);
            }

            int weightOffset = Spec.WeightOffset(l), biasOffset = Spec.BiasOffset(l);
            for (int j = 0; j < layer.Size; j++)
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
        return cost;
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
