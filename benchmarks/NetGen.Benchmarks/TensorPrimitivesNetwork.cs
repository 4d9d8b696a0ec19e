using System;
using System.Numerics.Tensors;

namespace NetGen.Benchmarks;

/// <summary>
/// The hand-written baseline: what a careful .NET developer writes without a generator, each line of the calculus one
/// <see cref="TensorPrimitives"/> call (Dot, MultiplyAdd, Sigmoid, ...) over the network's own parameter layout —
/// per layer the weights row-major [outputs × inputs] (w_jk at j·inputs + k), then the biases. Squared error
/// C = Σ_j (a_j − y_j)², the mean gradient over a batch, θ ← θ − η·g. Sequential dense networks with Identity, Sigmoid
/// or Tanh layers only (what the benchmarks use). Checked against <see cref="ReferenceNetwork{T}"/> in
/// tests/NetGen.Tests/Performance/TensorPrimitivesBaselineTests.cs.
/// </summary>
public sealed class TensorPrimitivesNetwork : INetwork<float>
{
    private readonly float[] _parameters;
    private readonly int[] _fanIn;
    private readonly int[] _size;
    private readonly int[] _weightOffset;
    private readonly int[] _biasOffset;
    private readonly Activation[] _activation;
    // Per layer l (index 0 is layer 1): weighted sums z, activations a, and the sensitivities ∂C/∂a and ∂C/∂z.
    private readonly float[][] _z;
    private readonly float[][] _a;
    private readonly float[][] _dC_da;
    private readonly float[][] _dC_dz;
    private readonly float[] _derivative;
    private readonly float[] _batchGradient;

    /// <summary>A baseline network for <paramref name="spec"/>, with the same initial parameters as a generated network or
    /// <see cref="ReferenceNetwork{T}"/> of the same spec and seed.</summary>
    public TensorPrimitivesNetwork(NetworkSpec spec, int seed = ParameterInitializer.DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!spec.IsSequential || spec.Outputs.Count != 1 || spec.Outputs[0].Loss != Loss.SquaredError || spec.Outputs[0].Weight != 1.0)
            throw new NotSupportedException($"The TensorPrimitives baseline handles sequential squared-error networks only, not {spec}.");
        Spec = spec;
        int layers = spec.Layers.Count;
        _fanIn = new int[layers];
        _size = new int[layers];
        _weightOffset = new int[layers];
        _biasOffset = new int[layers];
        _activation = new Activation[layers];
        _z = new float[layers][];
        _a = new float[layers][];
        _dC_da = new float[layers][];
        _dC_dz = new float[layers][];
        int widest = 0;
        for (int l = 0; l < layers; l++)
        {
            LayerSpec layer = spec.Layers[l];
            if (layer.Kind != LayerKind.Dense || layer.Activation is not (Activation.Identity or Activation.Sigmoid or Activation.Tanh))
                throw new NotSupportedException($"The TensorPrimitives baseline handles Identity, Sigmoid and Tanh dense layers, not {layer.Activation} {layer.Kind}.");
            _fanIn[l] = spec.FanIn(l);
            _size[l] = layer.Size;
            _weightOffset[l] = spec.WeightOffset(l);
            _biasOffset[l] = spec.BiasOffset(l);
            _activation[l] = layer.Activation;
            _z[l] = new float[layer.Size];
            _a[l] = new float[layer.Size];
            _dC_da[l] = new float[layer.Size];
            _dC_dz[l] = new float[layer.Size];
            widest = Math.Max(widest, layer.Size);
        }
        _derivative = new float[widest];
        _parameters = new float[spec.ParameterCount];
        _batchGradient = new float[spec.ParameterCount];
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
    public Span<float> Parameters => _parameters;

    /// <inheritdoc/>
    public void InitializeParameters(int seed) => ParameterInitializer.Initialize<float>(Spec, _parameters, seed);

    /// <inheritdoc/>
    public void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        NetworkGuard.CheckLength(input.Length, InputCount, nameof(input));
        NetworkGuard.CheckLength(output.Length, OutputCount, nameof(output));
        Evaluate(input);
        _a[^1].CopyTo(output);
    }

    /// <inheritdoc/>
    public float Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> gradient)
    {
        NetworkGuard.CheckLength(input.Length, InputCount, nameof(input));
        NetworkGuard.CheckLength(target.Length, OutputCount, nameof(target));
        NetworkGuard.CheckLength(gradient.Length, ParameterCount, nameof(gradient));
        return Accumulate(input, target, gradient);
    }

    /// <inheritdoc/>
    public void Step(ReadOnlySpan<float> gradient, float learningRate)
    {
        NetworkGuard.CheckLength(gradient.Length, ParameterCount, nameof(gradient));
        // θ ← θ − η·g
        TensorPrimitives.MultiplyAdd(gradient, -learningRate, _parameters, _parameters);
    }

    /// <inheritdoc/>
    public float TrainBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, float learningRate)
    {
        int rows = NetworkGuard.CheckBatch(inputs.Length, targets.Length, InputCount, OutputCount);
        float[] gradient = _batchGradient;
        Array.Clear(gradient);
        float cost = 0f;
        for (int r = 0; r < rows; r++)
            cost += Accumulate(inputs.Slice(r * InputCount, InputCount), targets.Slice(r * OutputCount, OutputCount), gradient);
        // The mean gradient g/rows, in the step: θ ← θ − (η/rows)·g.
        TensorPrimitives.MultiplyAdd(gradient, -learningRate / rows, _parameters, _parameters);
        return cost / rows;
    }

    private void Evaluate(ReadOnlySpan<float> input)
    {
        ReadOnlySpan<float> previous = input;
        for (int l = 0; l < _size.Length; l++)
        {
            int fanIn = _fanIn[l];
            float[] z = _z[l];
            ReadOnlySpan<float> weights = _parameters.AsSpan(_weightOffset[l], z.Length * fanIn);
            // z_j = w_j·a + b_j: one dot product per row of weights, then the biases.
            for (int j = 0; j < z.Length; j++)
                z[j] = TensorPrimitives.Dot(weights.Slice(j * fanIn, fanIn), previous);
            TensorPrimitives.Add(z, _parameters.AsSpan(_biasOffset[l], z.Length), z);
            float[] a = _a[l];
            switch (_activation[l])
            {
                case Activation.Sigmoid: TensorPrimitives.Sigmoid(z, a); break;
                case Activation.Tanh: TensorPrimitives.Tanh(z, a); break;
                default: z.CopyTo(a); break;
            }
            previous = a;
        }
    }

    private float Accumulate(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> gradient)
    {
        Evaluate(input);
        int last = _size.Length - 1;

        // C = Σ_j (a_j − y_j)², ∂C/∂a_j = 2(a_j − y_j).
        float[] dC_da = _dC_da[last];
        TensorPrimitives.Subtract(_a[last], target, dC_da);
        float cost = TensorPrimitives.SumOfSquares(dC_da);
        TensorPrimitives.Multiply(dC_da, 2f, dC_da);

        for (int l = last; l >= 0; l--)
        {
            int fanIn = _fanIn[l], size = _size[l];
            float[] a = _a[l], dC_dz = _dC_dz[l];
            Span<float> derivative = _derivative.AsSpan(0, size);
            // ∂C/∂z_j = σ'(z_j)·∂C/∂a_j, with σ' written in terms of a: a(1 − a) for the logistic, 1 − a² for tanh.
            switch (_activation[l])
            {
                case Activation.Sigmoid:
                    TensorPrimitives.Multiply(a, a, derivative);
                    TensorPrimitives.Subtract(a, derivative, derivative);
                    TensorPrimitives.Multiply(_dC_da[l], derivative, dC_dz);
                    break;
                case Activation.Tanh:
                    TensorPrimitives.Multiply(a, a, derivative);
                    TensorPrimitives.Subtract(1f, derivative, derivative);
                    TensorPrimitives.Multiply(_dC_da[l], derivative, dC_dz);
                    break;
                default:
                    _dC_da[l].CopyTo(dC_dz);
                    break;
            }

            ReadOnlySpan<float> previous = l == 0 ? input : _a[l - 1];
            ReadOnlySpan<float> weights = _parameters.AsSpan(_weightOffset[l], size * fanIn);
            Span<float> weightGradient = gradient.Slice(_weightOffset[l], size * fanIn);
            // ∂C/∂w_jk = a_k·∂C/∂z_j: row j of the weight gradient gets ∂C/∂z_j times the previous activations.
            for (int j = 0; j < size; j++)
            {
                Span<float> row = weightGradient.Slice(j * fanIn, fanIn);
                TensorPrimitives.MultiplyAdd(previous, dC_dz[j], row, row);
            }
            // ∂C/∂b_j = ∂C/∂z_j.
            Span<float> biasGradient = gradient.Slice(_biasOffset[l], size);
            TensorPrimitives.Add(biasGradient, dC_dz, biasGradient);
            // ∂C/∂a_k of the layer before = Σ_j w_jk·∂C/∂z_j: row j of the weights times ∂C/∂z_j, summed over j.
            if (l > 0)
            {
                Span<float> before = _dC_da[l - 1];
                before.Clear();
                for (int j = 0; j < size; j++)
                    TensorPrimitives.MultiplyAdd(weights.Slice(j * fanIn, fanIn), dC_dz[j], before, before);
            }
        }
        return cost;
    }
}
