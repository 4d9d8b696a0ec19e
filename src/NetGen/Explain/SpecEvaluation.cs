using System;
using System.Collections.Generic;
using System.Numerics;

namespace NetGen;

/// <summary>
/// One example run through a network in <see cref="double"/>, straight from its <see cref="NetworkSpec"/> and parameter
/// vector, keeping every z, a, ∂C/∂a and ∂C/∂z. It is written independently of the generated code and of
/// <see cref="ReferenceNetwork{T}"/> so that <see cref="GradientExplanation"/> and the gradient-health report can be
/// checked against either.
/// </summary>
/// <remarks>
/// Nodes are numbered inputs first, then layers in spec order (node = Inputs.Count + layer index). Softmax with
/// cross-entropy gives ∂C/∂z_j = a_j·Σ_i y_i − y_j directly, the exact derivative for any targets (a_j − y_j when they
/// sum to 1), and its cost −Σ_j y_j·(z_j − ln Σ_i e^(z_i)) from the logits. A sum (<see cref="LayerKind.Add"/>) has no parameters and no activation: a_j = Σ_s a(s)_j,
/// z = a, and its ∂C/∂a passes unchanged to neuron j of every source.
/// </remarks>
internal sealed class SpecEvaluation
{
    /// <summary>The slope of LeakyReLU for z ≤ 0.</summary>
    public const double LeakySlope = 0.01;

    private SpecEvaluation(NetworkSpec spec, double[] parameters, double[] target)
    {
        Spec = spec;
        Parameters = parameters;
        Target = target;
        int inputs = spec.Inputs.Count;
        int nodes = inputs + spec.Layers.Count;
        Z = new double[nodes][];
        A = new double[nodes][];
        DC_dA = new double[nodes][];
        DC_dZ = new double[nodes][];
        SquaredErrorDA = new double[nodes][];
        CrossEntropyDA = new double[nodes][];
        CrossEntropyDZ = new double[nodes][];
        for (int n = 0; n < nodes; n++)
        {
            int size = SizeOfNode(n);
            Z[n] = new double[size];
            A[n] = new double[size];
            DC_dA[n] = new double[size];
            DC_dZ[n] = new double[size];
            SquaredErrorDA[n] = new double[size];
            CrossEntropyDA[n] = new double[size];
        }

        SourceNodes = new int[spec.Layers.Count][];
        SourceOffsets = new int[spec.Layers.Count][];
        var readers = new List<Reader>[nodes];
        for (int n = 0; n < nodes; n++) readers[n] = new List<Reader>();
        for (int l = 0; l < spec.Layers.Count; l++)
        {
            IReadOnlyList<string> sources = spec.Layers[l].Sources;
            SourceNodes[l] = new int[sources.Count];
            SourceOffsets[l] = new int[sources.Count];
            // A dense layer concatenates its sources; a sum lays them over each other, so each starts at 0.
            bool concatenates = !IsSum(l);
            int offset = 0;
            for (int s = 0; s < sources.Count; s++)
            {
                int node = NodeOf(sources[s]);
                SourceNodes[l][s] = node;
                SourceOffsets[l][s] = offset;
                readers[node].Add(new Reader(l, offset));
                if (concatenates) offset += A[node].Length;
            }
        }
        Readers = Array.ConvertAll(readers, r => (IReadOnlyList<Reader>)r.ToArray());
        OutputTargetOffsets = new int[spec.Outputs.Count];
        int targetOffset = 0;
        for (int o = 0; o < spec.Outputs.Count; o++)
        {
            OutputTargetOffsets[o] = targetOffset;
            targetOffset += spec.SizeOf(spec.Outputs[o].Source);
        }
    }

    /// <summary>A layer that reads a node: the layer's index and where the node's values start in its concatenated input
    /// (0 for a sum, whose neuron j reads neuron j of every source).</summary>
    public readonly record struct Reader(int Layer, int Offset);

    public NetworkSpec Spec { get; }
    public double[] Parameters { get; }
    public double[] Target { get; }
    /// <summary>Weighted sums z per node (zero for inputs; for a sum, which has no activation, z = a).</summary>
    public double[][] Z { get; }
    /// <summary>Activations a per node (the input values for inputs).</summary>
    public double[][] A { get; }
    /// <summary>∂C/∂a per node: the loss's own term plus the sum over every neuron (or sum) that reads the value.</summary>
    public double[][] DC_dA { get; }
    /// <summary>∂C/∂z per layer node (for a sum, ∂C/∂a).</summary>
    public double[][] DC_dZ { get; }
    /// <summary>The squared-error loss's direct term of ∂C/∂a per node, w·2(a_j − y_j) (zero unless the node is such an output).</summary>
    public double[][] SquaredErrorDA { get; }
    /// <summary>The cross-entropy loss's direct term of ∂C/∂a per node, −w·y_j/a_j (zero unless the node is such an output).</summary>
    public double[][] CrossEntropyDA { get; }
    /// <summary>Per softmax node with a cross-entropy output, its ∂C/∂z_j = w·(a_j·Σ_i y_i − y_j); null elsewhere.</summary>
    public double[]?[] CrossEntropyDZ { get; }
    /// <summary>Per layer, the nodes it reads.</summary>
    public int[][] SourceNodes { get; }
    /// <summary>Per layer, where each source starts in the layer's concatenated input (0 for every source of a sum).</summary>
    public int[][] SourceOffsets { get; }
    /// <summary>Per node, the layers that read it.</summary>
    public IReadOnlyList<IReadOnlyList<Reader>> Readers { get; }
    /// <summary>Per output, where its targets start in the flat target span.</summary>
    public int[] OutputTargetOffsets { get; }
    /// <summary>The cost C of the example.</summary>
    public double Cost { get; private set; }

    /// <summary>The node of a layer.</summary>
    public int NodeOfLayer(int layer) => Spec.Inputs.Count + layer;

    /// <summary>True when layer <paramref name="layer"/> is a sum (<see cref="LayerKind.Add"/>): no parameters, no activation.</summary>
    public bool IsSum(int layer) => Spec.Layers[layer].Kind == LayerKind.Add;

    /// <summary>True when node <paramref name="node"/> is a dense softmax layer (not an input, not a sum).</summary>
    public bool IsSoftmax(int node)
    {
        int layer = LayerOfNode(node);
        return layer >= 0 && !IsSum(layer) && Spec.Layers[layer].Activation == Activation.Softmax;
    }

    /// <summary>The layer of a node, or −1 for an input.</summary>
    public int LayerOfNode(int node) => node - Spec.Inputs.Count;

    /// <summary>The node called <paramref name="name"/> (an input or a layer), or −1.</summary>
    public int TryNodeOf(string name)
    {
        for (int i = 0; i < Spec.Inputs.Count; i++)
            if (Spec.Inputs[i].Name == name) return i;
        int l = Spec.IndexOfLayer(name);
        return l < 0 ? -1 : Spec.Inputs.Count + l;
    }

    /// <summary>The name of a node.</summary>
    public string NameOfNode(int node) => node < Spec.Inputs.Count ? Spec.Inputs[node].Name : Spec.Layers[node - Spec.Inputs.Count].Name;

    /// <summary>The weight w_jk of layer <paramref name="layer"/>.</summary>
    public double Weight(int layer, int j, int k) => Parameters[Spec.WeightOffset(layer) + j * Spec.FanIn(layer) + k];

    /// <summary>The k-th value of dense layer <paramref name="layer"/>'s concatenated input, as (node, index in that node).</summary>
    public (int Node, int Index) InputOf(int layer, int k)
    {
        int[] nodes = SourceNodes[layer], offsets = SourceOffsets[layer];
        for (int s = nodes.Length - 1; s >= 0; s--)
            if (k >= offsets[s]) return (nodes[s], k - offsets[s]);
        throw new ArgumentOutOfRangeException(nameof(k), k, $"Expected an input index of layer {layer} in [0, {Spec.FanIn(layer)}).");
    }

    /// <summary>σ'(z_j) of an element-wise activation, from z and a.</summary>
    public static double Derivative(Activation activation, double z, double a) => activation switch
    {
        Activation.Identity => 1.0,
        Activation.Sigmoid => a * (1.0 - a),
        Activation.Tanh => 1.0 - a * a,
        Activation.ReLU => z > 0.0 ? 1.0 : 0.0,
        Activation.LeakyReLU => z > 0.0 ? 1.0 : LeakySlope,
        Activation.Softplus => 1.0 / (1.0 + Math.Exp(-z)),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Expected an element-wise activation (not Softmax)."),
    };

    /// <summary>Runs one example through <paramref name="network"/>'s spec and current parameters, in double.</summary>
    public static SpecEvaluation Run<T>(INetwork<T> network, ReadOnlySpan<T> input, ReadOnlySpan<T> target)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        NetworkSpec spec = network.Spec ?? throw new ArgumentException("network.Spec is null; expected the network's description.", nameof(network));
        NetworkGuard.CheckLength(network.Parameters.Length, spec.ParameterCount, "network.Parameters");
        NetworkGuard.CheckLength(input.Length, spec.InputCount, nameof(input));
        NetworkGuard.CheckLength(target.Length, spec.OutputCount, nameof(target));
        return Run(spec, ToDouble(network.Parameters), ToDouble(input), ToDouble(target));
    }

    /// <summary>Converts a span to doubles.</summary>
    public static double[] ToDouble<T>(ReadOnlySpan<T> values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = new double[values.Length];
        for (int i = 0; i < result.Length; i++) result[i] = double.CreateChecked(values[i]);
        return result;
    }

    /// <summary>Runs one example given as doubles (lengths already checked).</summary>
    public static SpecEvaluation Run(NetworkSpec spec, double[] parameters, double[] input, double[] target)
    {
        var e = new SpecEvaluation(spec, parameters, target);
        e.Forward(input);
        e.Backward();
        return e;
    }

    private int SizeOfNode(int node) => node < Spec.Inputs.Count ? Spec.Inputs[node].Size : Spec.Layers[node - Spec.Inputs.Count].Size;

    private int NodeOf(string name)
    {
        int node = TryNodeOf(name);
        return node >= 0 ? node : throw new ArgumentException($"'{name}' is not an input or layer of this network.", nameof(name));
    }

    private void Forward(double[] input)
    {
        int offset = 0;
        for (int n = 0; n < Spec.Inputs.Count; n++)
        {
            Array.Copy(input, offset, A[n], 0, A[n].Length);
            offset += A[n].Length;
        }
        for (int l = 0; l < Spec.Layers.Count; l++)
        {
            LayerSpec layer = Spec.Layers[l];
            int node = NodeOfLayer(l), fanIn = Spec.FanIn(l);
            double[] z = Z[node], a = A[node];
            if (IsSum(l))
            {
                // a_j = Σ_s a(s)_j, element by element over sources of the same size; no weights, no activation (z = a).
                foreach (int source in SourceNodes[l])
                    for (int j = 0; j < a.Length; j++) a[j] += A[source][j];
                Array.Copy(a, z, a.Length);
                continue;
            }
            for (int j = 0; j < layer.Size; j++)
            {
                // z_j = Σ_k w_jk·x_k + b_j over the concatenated sources x.
                double sum = Parameters[Spec.BiasOffset(l) + j];
                for (int k = 0; k < fanIn; k++)
                {
                    (int source, int index) = InputOf(l, k);
                    sum += Weight(l, j, k) * A[source][index];
                }
                z[j] = sum;
            }
            if (layer.Activation == Activation.Softmax)
            {
                double max = double.NegativeInfinity;
                foreach (double v in z) max = Math.Max(max, v);
                double total = 0.0;
                for (int j = 0; j < z.Length; j++) total += a[j] = Math.Exp(z[j] - max);
                for (int j = 0; j < z.Length; j++) a[j] /= total;
                continue;
            }
            for (int j = 0; j < z.Length; j++)
            {
                double v = z[j];
                a[j] = layer.Activation switch
                {
                    Activation.Identity => v,
                    Activation.Sigmoid => 1.0 / (1.0 + Math.Exp(-v)),
                    Activation.Tanh => Math.Tanh(v),
                    Activation.ReLU => v > 0.0 ? v : 0.0,
                    Activation.LeakyReLU => v > 0.0 ? v : LeakySlope * v,
                    Activation.Softplus => Math.Max(v, 0.0) + Math.Log(1.0 + Math.Exp(-Math.Abs(v))),
                    _ => throw new ArgumentOutOfRangeException("network", layer.Activation, $"Layer '{layer.Name}' has an activation this library does not know."),
                };
            }
        }
    }

    private void Backward()
    {
        // The loss: squared error adds w·2(a_j − y_j) to ∂C/∂a_j; cross-entropy (softmax only) gives
        // ∂C/∂z_j = w·(a_j·Σ_i y_i − y_j) directly, and its own ∂C/∂a_j = −w·y_j/a_j is kept for display.
        double cost = 0.0;
        for (int o = 0; o < Spec.Outputs.Count; o++)
        {
            OutputSpec output = Spec.Outputs[o];
            int node = NodeOf(output.Source);
            double[] a = A[node], z = Z[node];
            int t = OutputTargetOffsets[o];
            if (output.Loss == Loss.SquaredError)
            {
                for (int j = 0; j < a.Length; j++)
                {
                    double e = a[j] - Target[t + j];
                    cost += output.Weight * e * e;
                    SquaredErrorDA[node][j] += output.Weight * 2.0 * e;
                }
            }
            else if (!IsSoftmax(node))
            {
                // Cross-entropy on a sum (whose activation the network ignores): C = −w·Σ y_j ln a_j, ∂C/∂a_j = −w·y_j/a_j.
                for (int j = 0; j < a.Length; j++)
                {
                    double y = Target[t + j];
                    if (y == 0.0) continue;
                    cost -= output.Weight * y * Math.Log(a[j]);
                    CrossEntropyDA[node][j] -= output.Weight * y / a[j];
                }
            }
            else
            {
                // ln a_j = z_j − ln Σ_i e^z_i, with the log-sum-exp taken around the largest z.
                double max = double.NegativeInfinity;
                foreach (double v in z) max = Math.Max(max, v);
                double sum = 0.0;
                foreach (double v in z) sum += Math.Exp(v - max);
                double logSum = max + Math.Log(sum);
                double[] dz = CrossEntropyDZ[node] ??= new double[a.Length];
                double targetSum = TargetSum(o);
                for (int j = 0; j < a.Length; j++)
                {
                    double y = Target[t + j];
                    if (y != 0.0)
                    {
                        cost -= output.Weight * y * (z[j] - logSum);
                        CrossEntropyDA[node][j] -= output.Weight * y / a[j];
                    }
                    dz[j] += output.Weight * (a[j] * targetSum - y);
                }
            }
        }
        Cost = cost;

        for (int n = 0; n < A.Length; n++)
            for (int j = 0; j < A[n].Length; j++)
                DC_dA[n][j] = SquaredErrorDA[n][j] + CrossEntropyDA[n][j];

        for (int l = Spec.Layers.Count - 1; l >= 0; l--)
        {
            LayerSpec layer = Spec.Layers[l];
            int node = NodeOfLayer(l), fanIn = Spec.FanIn(l);
            double[] z = Z[node], a = A[node], dA = DC_dA[node], dZ = DC_dZ[node];
            if (IsSum(l))
            {
                // ∂a_j/∂a(s)_j = 1: the sum's ∂C/∂a (complete, as every reader comes later) passes unchanged to each source.
                Array.Copy(dA, dZ, dA.Length);
                foreach (int source in SourceNodes[l])
                    for (int j = 0; j < dA.Length; j++) DC_dA[source][j] += dA[j];
                continue;
            }
            for (int j = 0; j < layer.Size; j++)
            {
                dZ[j] = layer.Activation == Activation.Softmax
                    // No layer reads a softmax layer, so its ∂C/∂a is the loss's alone: the cross-entropy part is already
                    // ∂C/∂z, the squared-error part goes through the Jacobian row Σ_i ∂C/∂a_i · a_i(δ_ij − a_j).
                    ? (CrossEntropyDZ[node]?[j] ?? 0.0) + SoftmaxJacobianRow(a, SquaredErrorDA[node], j)
                    : Derivative(layer.Activation, z[j], a[j]) * dA[j];
            }
            // Every value this layer reads gets w_jk·∂C/∂z_j from each of its neurons j.
            for (int j = 0; j < layer.Size; j++)
                for (int k = 0; k < fanIn; k++)
                {
                    (int source, int index) = InputOf(l, k);
                    DC_dA[source][index] += Weight(l, j, k) * dZ[j];
                }
        }
    }

    /// <summary>Σ_i y_i over the targets of output <paramref name="output"/>.</summary>
    public double TargetSum(int output)
    {
        double sum = 0.0;
        int offset = OutputTargetOffsets[output], size = Spec.SizeOf(Spec.Outputs[output].Source);
        for (int i = 0; i < size; i++) sum += Target[offset + i];
        return sum;
    }

    /// <summary>True when the targets of output <paramref name="output"/> sum to 1 (to within rounding), so that the
    /// cross-entropy's ∂C/∂z_j = a_j·Σy − y_j reads a_j − y_j.</summary>
    public bool TargetsSumToOne(int output) => Math.Abs(TargetSum(output) - 1.0) <= 1e-12;

    /// <summary>Σ_i ∂C/∂a_i · a_i(δ_ij − a_j), one row of the softmax Jacobian applied to ∂C/∂a.</summary>
    public static double SoftmaxJacobianRow(double[] a, double[] dC_da, int j)
    {
        double sum = 0.0;
        for (int i = 0; i < a.Length; i++)
            sum += dC_da[i] * a[i] * ((i == j ? 1.0 : 0.0) - a[j]);
        return sum;
    }
}
