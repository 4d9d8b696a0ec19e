using System.Collections.Generic;

namespace NetGen.Calculus.Layers;

/// <summary>
/// A dense layer: z_j = Σ_k w_jk·x_k + b_j over the concatenation x of its sources (an image read flattened, CHW), then
/// σ. Weights row-major [size × fan-in] from <see cref="NetworkSpec.WeightOffset"/>, then the biases.
/// </summary>
internal sealed class DenseRule : LayerRule
{
    private readonly int[] _offsets;
    private readonly int _fanIn, _weights, _biases;

    public DenseRule(NetworkSpec spec, int layer, int[] sourceNodes, double[] parameters) : base(spec, layer, sourceNodes, parameters)
    {
        _fanIn = spec.FanIn(layer);
        _weights = spec.WeightOffset(layer);
        _biases = spec.BiasOffset(layer);
        _offsets = new int[sourceNodes.Length];
        int offset = 0;
        for (int s = 0; s < sourceNodes.Length; s++)
        {
            _offsets[s] = offset;
            offset += spec.SizeOf(Definition.Sources[s]);
        }
    }

    public override bool HasActivation => true;

    public override int BiasOf(int j) => _biases + j;

    public override void Connections(int j, double[][] a, List<Connection> into)
    {
        for (int s = 0; s < SourceNodes.Length; s++)
        {
            int node = SourceNodes[s];
            for (int i = 0; i < a[node].Length; i++)
            {
                int parameter = _weights + j * _fanIn + _offsets[s] + i;
                into.Add(new Connection(node, i, parameter, Parameters[parameter]));
            }
        }
    }

    public override void Readers(int slot, int k, double[][] a, List<Use> into)
    {
        for (int j = 0; j < Definition.Size; j++)
        {
            int parameter = _weights + j * _fanIn + _offsets[slot] + k;
            into.Add(new Use(j, new Connection(SourceNodes[slot], k, parameter, Parameters[parameter])));
        }
    }

    public override void Uses(int parameter, List<Use> into)
    {
        int local = parameter - _weights;
        if (parameter >= _biases)
        {
            into.Add(new Use(parameter - _biases, new Connection(-1, -1, parameter, 1.0)));
            return;
        }
        int j = local / _fanIn, k = local % _fanIn;
        int s = _offsets.Length - 1;
        while (_offsets[s] > k) s--;
        into.Add(new Use(j, new Connection(SourceNodes[s], k - _offsets[s], parameter, Parameters[parameter])));
    }

    /// <summary>The column k of a weight: where the value it multiplies sits in the concatenated input.</summary>
    private int Column(Use use) => (use.Connection.Parameter - _weights) % _fanIn;

    public override string CoefficientSymbol(ExplainNotation notation, Use use) => notation.W(Node, use.Output, Column(use));

    public override (string Sum, string Over) SensitivityHeader(ExplainNotation notation, string symbol, IReadOnlyList<Use> uses)
    {
        string label = notation.Label(Node);
        int k = Column(uses[0]);
        string column = k < 10 ? ExplainNotation.Index(k) : "," + ExplainNotation.Index(k);
        return ($"Σ_j w({label})_j{column} · σ'(z({label})_j) · ∂C/∂a({label})_j",
            $"over {Count(uses.Count, "neuron")} of {notation.LayerWord(Node)} that {(uses.Count == 1 ? "reads" : "read")} {symbol}");
    }
}
