using System;
using System.Collections.Generic;
using System.Globalization;
using NetGen.Calculus.Layers;

namespace NetGen.Calculus;

/// <summary>
/// What one kind of layer computes, as the explanations see it: each output's weighted sum z_j as a list of
/// <see cref="Connection"/>s (a value of a source times a weight or a constant), the reverse question (which outputs read
/// a given value, which use a given parameter), and the words the explanations use for it. One subclass per
/// <see cref="LayerKind"/>, in <c>Calculus/Layers</c>; <see cref="For"/> is the only switch over the kinds.
/// </summary>
/// <remarks>
/// Everything the explanations do is linear algebra over connections: z_j = b_j + Σ coefficient·a, ∂C/∂a += coefficient ·
/// ∂C/∂z_j, ∂C/∂θ = Σ over the uses of θ of a·∂C/∂z_j. So <see cref="SpecEvaluation"/>, <see cref="ActivationSensitivity"/>
/// and <see cref="GradientExplanation"/> hold no per-kind code beyond what they ask a rule. <see cref="ReferenceNetwork{T}"/>
/// deliberately does not use this (it is the independent reference, written as direct loops).
/// <para>Thread safety: immutable; every member may be used from any number of threads at once.</para>
/// </remarks>
internal abstract class LayerRule
{
    protected LayerRule(NetworkSpec spec, int layer, int[] sourceNodes, double[] parameters)
    {
        Spec = spec;
        Layer = layer;
        Definition = spec.Layers[layer];
        SourceNodes = sourceNodes;
        Parameters = parameters;
        Output = spec.ShapeOf(layer);
    }

    public NetworkSpec Spec { get; }
    /// <summary>The layer's index.</summary>
    public int Layer { get; }
    public LayerSpec Definition { get; }
    /// <summary>The node of each source, in the order of <see cref="LayerSpec.Sources"/>.</summary>
    public int[] SourceNodes { get; }
    public double[] Parameters { get; }
    /// <summary>The shape of the layer's output.</summary>
    public Shape Output { get; }
    public LayerKind Kind => Definition.Kind;
    public string Name => Definition.Name;

    /// <summary>True for a dense layer and a convolution (weights, biases, then σ); false for a sum or a pooling layer,
    /// whose a is its z.</summary>
    public abstract bool HasActivation { get; }

    /// <summary>Appends the terms of z_<paramref name="j"/> (its bias apart), reading the activations <paramref name="a"/>
    /// where the terms depend on them (the winner of a max pooling).</summary>
    public abstract void Connections(int j, double[][] a, List<Connection> into);

    /// <summary>The bias of output <paramref name="j"/>: its index in the parameter vector, or −1.</summary>
    public virtual int BiasOf(int j) => -1;

    /// <summary>Appends, in output order, every output that reads value <paramref name="k"/> of source
    /// <paramref name="slot"/>, with the connection through which it reads it.</summary>
    public abstract void Readers(int slot, int k, double[][] a, List<Use> into);

    /// <summary>Appends, in output order, every output whose weighted sum holds parameter <paramref name="parameter"/> of
    /// this layer (a bias as a connection from no node).</summary>
    public virtual void Uses(int parameter, List<Use> into) =>
        throw new InvalidOperationException($"Layer '{Name}' has no parameters.");

    /// <summary>The symbol of a connection's coefficient ∂z_j/∂a: <c>w(L)_01</c>, <c>w(2)_0,1,2,2</c>, <c>1</c>, <c>1/4</c>.</summary>
    public abstract string CoefficientSymbol(ExplainNotation notation, Use use);

    /// <summary>How the derivation of ∂C/∂a names the terms through this layer: the sum they form and what it runs over.</summary>
    /// <param name="notation">The notation.</param>
    /// <param name="symbol">The symbol of the activation read, a(L−1)_2.</param>
    /// <param name="uses">The outputs of this layer that read it (at least one).</param>
    public abstract (string Sum, string Over) SensitivityHeader(ExplainNotation notation, string symbol, IReadOnlyList<Use> uses);

    /// <summary>A note written after a term through a layer without weights ("through the sum 'r'"), or null to write the
    /// term as a product.</summary>
    public virtual string? TermNote(Use use) => null;

    /// <summary>Why a value this layer reads gets no gradient from it: "it is not the maximum of any window of 'p'".</summary>
    public virtual string Unread => $"no output of '{Name}' reads it";

    /// <summary>The node of this layer.</summary>
    public int Node => Spec.Inputs.Count + Layer;

    /// <summary>"the 1 neuron" or "the 3 neurons" (<paramref name="noun"/> pluralised with s).</summary>
    protected static string Count(int count, string noun) =>
        count == 1 ? $"the 1 {noun}" : string.Create(CultureInfo.InvariantCulture, $"the {count} {noun}s");

    /// <summary>The rule of layer <paramref name="layer"/> of <paramref name="spec"/>.</summary>
    public static LayerRule For(NetworkSpec spec, int layer, int[] sourceNodes, double[] parameters) => spec.Layers[layer].Kind switch
    {
        LayerKind.Dense => new DenseRule(spec, layer, sourceNodes, parameters),
        LayerKind.Add => new SumRule(spec, layer, sourceNodes, parameters),
        LayerKind.Conv => new ConvRule(spec, layer, sourceNodes, parameters),
        LayerKind.MaxPool => new MaxPoolRule(spec, layer, sourceNodes, parameters),
        LayerKind.AvgPool => new AvgPoolRule(spec, layer, sourceNodes, parameters),
        LayerKind.GlobalAvgPool => new GlobalAvgPoolRule(spec, layer, sourceNodes, parameters),
        LayerKind kind => throw new ArgumentOutOfRangeException(nameof(layer), kind, $"Layer '{spec.Layers[layer].Name}' is of a kind this library does not know."),
    };
}
