using System;
using System.Collections.Generic;
using System.Numerics;
using NetGen.Calculus;

namespace NetGen;

/// <summary>
/// One example run through a network in <see cref="double"/>, straight from its <see cref="NetworkSpec"/> and parameter
/// vector, keeping every z, a, ∂C/∂a and ∂C/∂z. It is written independently of the generated code and of
/// <see cref="ReferenceNetwork{T}"/> so that <see cref="GradientExplanation"/> and the gradient-health report can be
/// checked against either.
/// </summary>
/// <remarks>
/// Nodes are numbered inputs first, then layers in spec order (node = Inputs.Count + layer index). What each kind of
/// layer computes comes from its <see cref="LayerRule"/> (z_j as connections: b_j + Σ coefficient·a) and each activation
/// from its <see cref="ActivationFunction"/>; this class only runs them forward and backward. Softmax with cross-entropy
/// gives ∂C/∂z_j = a_j·Σ_i y_i − y_j directly, the exact derivative for any targets (a_j − y_j when they sum to 1), and
/// its cost −Σ_j y_j·(z_j − ln Σ_i e^(z_i)) from the logits. A sum (<see cref="LayerKind.Add"/>) or a pooling layer has
/// no activation: z = a, and its ∂C/∂a passes to the values it reads, times their coefficients.
/// </remarks>
internal sealed class SpecEvaluation
{
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
        Rules = new LayerRule[spec.Layers.Count];
        Functions = new ActivationFunction[spec.Layers.Count];
        var readers = new List<Reader>[nodes];
        for (int n = 0; n < nodes; n++) readers[n] = new List<Reader>();
        for (int l = 0; l < spec.Layers.Count; l++)
        {
            IReadOnlyList<string> sources = spec.Layers[l].Sources;
            SourceNodes[l] = new int[sources.Count];
            for (int s = 0; s < sources.Count; s++)
            {
                int node = NodeOf(sources[s]);
                SourceNodes[l][s] = node;
                readers[node].Add(new Reader(l, s));
            }
            Rules[l] = LayerRule.For(spec, l, SourceNodes[l], parameters);
            Functions[l] = ActivationFunction.Of(spec.Layers[l]);
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

    /// <summary>A layer that reads a node: the layer's index and which of its sources the node is (a layer may read one
    /// node twice, as two sources).</summary>
    public readonly record struct Reader(int Layer, int Slot);

    public NetworkSpec Spec { get; }
    public double[] Parameters { get; }
    public double[] Target { get; }
    /// <summary>Weighted sums z per node (zero for inputs; for a layer without activation, a sum or a pooling, z = a).</summary>
    public double[][] Z { get; }
    /// <summary>Activations a per node (the input values for inputs).</summary>
    public double[][] A { get; }
    /// <summary>∂C/∂a per node: the loss's own term plus the sum over every output of every layer that reads the value.</summary>
    public double[][] DC_dA { get; }
    /// <summary>∂C/∂z per layer node (for a layer without activation, ∂C/∂a).</summary>
    public double[][] DC_dZ { get; }
    /// <summary>The squared-error loss's direct term of ∂C/∂a per node, w·2(a_j − y_j) (zero unless the node is such an output).</summary>
    public double[][] SquaredErrorDA { get; }
    /// <summary>The cross-entropy loss's direct term of ∂C/∂a per node, −w·y_j/a_j (zero unless the node is such an output).</summary>
    public double[][] CrossEntropyDA { get; }
    /// <summary>Per softmax node with a cross-entropy output, its ∂C/∂z_j = w·(a_j·Σ_i y_i − y_j); null elsewhere.</summary>
    public double[]?[] CrossEntropyDZ { get; }
    /// <summary>Per layer, the nodes it reads.</summary>
    public int[][] SourceNodes { get; }
    /// <summary>Per layer, what its kind computes (the connections of its weighted sums).</summary>
    public LayerRule[] Rules { get; }
    /// <summary>Per layer, its activation.</summary>
    public ActivationFunction[] Functions { get; }
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
        return layer >= 0 && Rules[layer].HasActivation && Spec.Layers[layer].Activation == Activation.Softmax;
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

    /// <summary>The shape of a node's values.</summary>
    public Shape ShapeOfNode(int node) => Spec.ShapeOf(NameOfNode(node));

    /// <summary>The outputs of <paramref name="reader"/>'s layer that read value <paramref name="k"/> of its node, in
    /// output order, each with the connection through which it reads it (none for a value a max pooling passes over).</summary>
    public List<Use> ReadersOf(Reader reader, int k)
    {
        var uses = new List<Use>();
        Rules[reader.Layer].Readers(reader.Slot, k, A, uses);
        return uses;
    }

    /// <summary>The outputs whose weighted sum holds parameter <paramref name="parameter"/> of layer <paramref name="layer"/>.</summary>
    public List<Use> UsesOf(int layer, int parameter)
    {
        var uses = new List<Use>();
        Rules[layer].Uses(parameter, uses);
        return uses;
    }

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
        var connections = new List<Connection>();
        for (int l = 0; l < Spec.Layers.Count; l++)
        {
            LayerRule rule = Rules[l];
            int node = NodeOfLayer(l);
            double[] z = Z[node], a = A[node];
            for (int j = 0; j < z.Length; j++)
            {
                // z_j = b_j + Σ coefficient · a over the connections of its kind: weights over the concatenated sources
                // (dense), the kernel over a window of every channel (convolution), 1 per source (sum), 1 for the window's
                // maximum, 1/n over a window or channel (average pooling).
                int bias = rule.BiasOf(j);
                double sum = bias >= 0 ? Parameters[bias] : 0.0;
                connections.Clear();
                rule.Connections(j, A, connections);
                foreach (Connection c in connections) sum += c.Coefficient * A[c.Node][c.Index];
                z[j] = sum;
            }
            if (rule.HasActivation) Functions[l].Apply(z, a);
            else Array.Copy(z, a, z.Length);
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

        var connections = new List<Connection>();
        for (int l = Spec.Layers.Count - 1; l >= 0; l--)
        {
            LayerRule rule = Rules[l];
            ActivationFunction function = Functions[l];
            int node = NodeOfLayer(l);
            double[] z = Z[node], a = A[node], dA = DC_dA[node], dZ = DC_dZ[node];
            // ∂C/∂a is complete here, since every layer that reads this one comes later.
            for (int j = 0; j < z.Length; j++)
            {
                dZ[j] = !rule.HasActivation
                    // A sum or a pooling has no activation: a = z.
                    ? dA[j]
                    : !function.IsElementWise
                    // No layer reads a softmax layer, so its ∂C/∂a is the loss's alone: the cross-entropy part is already
                    // ∂C/∂z, the squared-error part goes through the Jacobian row Σ_i ∂C/∂a_i · a_i(δ_ij − a_j).
                    ? (CrossEntropyDZ[node]?[j] ?? 0.0) + SoftmaxJacobianRow(a, SquaredErrorDA[node], j)
                    : function.Derivative(z[j], a[j]) * dA[j];
            }
            // Every value this layer reads gets coefficient · ∂C/∂z_j from each output j that reads it.
            for (int j = 0; j < z.Length; j++)
            {
                connections.Clear();
                rule.Connections(j, A, connections);
                foreach (Connection c in connections) DC_dA[c.Node][c.Index] += c.Coefficient * dZ[j];
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
