using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace NetGen;

/// <summary>What a node of the network graph computes.</summary>
public enum LayerKind
{
    /// <summary>A fully connected layer: z = W·a + b over the concatenation of its sources, then a = σ(z).</summary>
    Dense = 0,
    /// <summary>The element-wise sum of its sources, all of the same size: a = Σ_s a(s). No parameters, no activation
    /// (a residual or skip connection). Its sensitivity passes unchanged to every source: ∂a_j/∂a(s)_j = 1.</summary>
    Add = 1,
    /// <summary>A 2-D convolution over image sources (concatenated along channels), then a = σ(z).</summary>
    Conv = 2,
    /// <summary>The largest value of each window of each channel.</summary>
    MaxPool = 3,
    /// <summary>The mean of each window of each channel.</summary>
    AvgPool = 4,
    /// <summary>The mean of each whole channel: channels × 1 × 1.</summary>
    GlobalAvgPool = 5,
}

/// <summary>A named input of the network: <see cref="Size"/> values, the activations a(0).</summary>
/// <param name="Name">The name layers use to read this input.</param>
/// <param name="Size">The number of values.</param>
/// <remarks>Thread safety: immutable; every member may be used from any number of threads at once.</remarks>
public sealed record InputSpec(string Name, int Size);

/// <summary>A named layer of the network graph.</summary>
/// <remarks>Thread safety: immutable; every member may be used from any number of threads at once.</remarks>
public sealed record LayerSpec
{
    /// <summary>Describes a layer.</summary>
    /// <param name="name">The layer's name, unique in the network (sequential networks use layer1, layer2, ...).</param>
    /// <param name="kind">What the layer computes.</param>
    /// <param name="size">The number of neurons.</param>
    /// <param name="activation">The activation σ of a dense layer.</param>
    /// <param name="sources">The names of the inputs or earlier layers this layer reads, concatenated in this order.</param>
    public LayerSpec(string name, LayerKind kind, int size, Activation activation, IReadOnlyList<string> sources)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(sources);
        Name = name;
        Kind = kind;
        Size = size;
        Activation = activation;
        Sources = sources.ToArray();
    }

    /// <summary>The layer's name, unique in the network.</summary>
    public string Name { get; }
    /// <summary>What the layer computes.</summary>
    public LayerKind Kind { get; }
    /// <summary>The number of neurons.</summary>
    public int Size { get; }
    /// <summary>The activation σ.</summary>
    public Activation Activation { get; }
    /// <summary>The names of the inputs or earlier layers this layer reads, concatenated in this order.</summary>
    public IReadOnlyList<string> Sources { get; }
}

/// <summary>An output of the network: the activations of a layer, compared with a target by a loss.</summary>
/// <param name="Source">The name of the layer whose activations are the output.</param>
/// <param name="Loss">The cost of this output.</param>
/// <param name="Weight">The factor of this output's cost in the total cost.</param>
/// <remarks>Thread safety: immutable; every member may be used from any number of threads at once.</remarks>
public sealed record OutputSpec(string Source, Loss Loss, double Weight = 1.0);

/// <summary>
/// The description of a network from which both the generated code and <see cref="ReferenceNetwork{T}"/> are built:
/// a graph of named inputs and layers (by default each layer reads the previous one) and its outputs.
/// Generated classes expose theirs as <c>public static NetworkSpec Spec</c>.
/// </summary>
/// <remarks>
/// The flat parameter vector is laid out layer by layer in declaration order: the weights row-major
/// [outputs × inputs] (element <c>j * inputs + k</c> is w_jk, from neuron k of the layer's input into neuron j),
/// then the layer's biases — the order and shapes of PyTorch's <c>nn.Linear</c> weight and bias.
/// <para>Thread safety: immutable once constructed (the constructor copies the inputs, layers and outputs it is given),
/// so every member may be called from any number of threads at once, and one spec may be shared by any number of
/// networks.</para>
/// </remarks>
public sealed class NetworkSpec
{
    /// <summary>The name of the single input of a sequential network.</summary>
    public const string DefaultInputName = "input";

    private readonly int[] _fanIn;
    private readonly int[] _weightOffset;
    private readonly Dictionary<string, int> _sizes = new(StringComparer.Ordinal);

    /// <summary>Describes a network graph and checks it.</summary>
    /// <exception cref="ArgumentException">The graph is not valid; the message says why.</exception>
    public NetworkSpec(IEnumerable<InputSpec> inputs, IEnumerable<LayerSpec> layers, IEnumerable<OutputSpec> outputs,
        Precision precision = Precision.Single)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(outputs);
        Inputs = inputs.ToArray();
        Layers = layers.ToArray();
        Outputs = outputs.ToArray();
        Precision = precision;

        if (Inputs.Count == 0) throw new ArgumentException("A network needs at least one input.", nameof(inputs));
        if (Layers.Count == 0) throw new ArgumentException("A network needs at least one layer.", nameof(layers));
        if (Outputs.Count == 0) throw new ArgumentException("A network needs at least one output.", nameof(outputs));

        foreach (InputSpec input in Inputs)
        {
            if (input.Size <= 0)
                throw new ArgumentException($"Input '{input.Name}' has size {input.Size}; expected a positive size.", nameof(inputs));
            if (!_sizes.TryAdd(input.Name, input.Size))
                throw new ArgumentException($"The name '{input.Name}' is used twice.", nameof(inputs));
        }

        _fanIn = new int[Layers.Count];
        _weightOffset = new int[Layers.Count];
        int offset = 0;
        for (int l = 0; l < Layers.Count; l++)
        {
            LayerSpec layer = Layers[l];
            if (layer.Size <= 0)
                throw new ArgumentException($"Layer '{layer.Name}' has size {layer.Size}; expected a positive size.", nameof(layers));
            if (!Enum.IsDefined(layer.Activation))
                throw new ArgumentException($"Layer '{layer.Name}' has activation {(int)layer.Activation}, which is not an Activation.", nameof(layers));
            if (layer.Sources.Count == 0)
                throw new ArgumentException($"Layer '{layer.Name}' reads no source.", nameof(layers));
            int fanIn = 0;
            foreach (string source in layer.Sources)
            {
                if (!_sizes.TryGetValue(source, out int size))
                    throw new ArgumentException($"Layer '{layer.Name}' reads '{source}', which is not an input or an earlier layer.", nameof(layers));
                fanIn += size;
            }
            if (layer.Kind == LayerKind.Add)
            {
                if (layer.Activation != Activation.Identity)
                    throw new ArgumentException($"Layer '{layer.Name}' is a sum with activation {layer.Activation}; expected Identity, since a sum applies none.", nameof(layers));
                foreach (string source in layer.Sources)
                    if (_sizes[source] != layer.Size)
                        throw new ArgumentException($"Layer '{layer.Name}' adds '{source}' of size {_sizes[source]}; expected size {layer.Size}, the size of the sum.", nameof(layers));
            }
            else if (layer.Kind != LayerKind.Dense)
            {
                throw new ArgumentException($"Layer '{layer.Name}' has kind {(int)layer.Kind}, which is not a LayerKind.", nameof(layers));
            }
            if (!_sizes.TryAdd(layer.Name, layer.Size))
                throw new ArgumentException($"The name '{layer.Name}' is used twice.", nameof(layers));
            _fanIn[l] = fanIn;
            _weightOffset[l] = offset;
            offset += LayerParameterCount(layer, fanIn);
        }
        ParameterCount = offset;

        foreach (OutputSpec output in Outputs)
        {
            int index = IndexOfLayer(output.Source);
            if (index < 0)
                throw new ArgumentException($"Output '{output.Source}' is not a layer.", nameof(outputs));
            if (!Enum.IsDefined(output.Loss))
                throw new ArgumentException($"Output '{output.Source}' has loss {(int)output.Loss}, which is not a Loss.", nameof(outputs));
            if (output.Loss == Loss.CrossEntropy && Layers[index].Activation != Activation.Softmax)
                throw new ArgumentException($"Output '{output.Source}' uses CrossEntropy, which needs a Softmax layer; it is {Layers[index].Activation}.", nameof(outputs));
        }
        for (int l = 0; l < Layers.Count; l++)
        {
            LayerSpec layer = Layers[l];
            if (layer.Activation != Activation.Softmax) continue;
            bool isOutput = Outputs.Any(o => o.Source == layer.Name);
            bool isRead = Layers.Any(other => other.Sources.Contains(layer.Name));
            if (!isOutput || isRead)
                throw new ArgumentException($"Layer '{layer.Name}' uses Softmax, which is allowed only on an output layer that no other layer reads.", nameof(layers));
        }

        InputCount = Inputs.Sum(i => i.Size);
        OutputCount = Outputs.Sum(o => Layers[IndexOfLayer(o.Source)].Size);
    }

    private static int LayerParameterCount(LayerSpec layer, int fanIn) =>
        layer.Kind == LayerKind.Dense ? layer.Size * fanIn + layer.Size : 0;

    /// <summary>The number of weights and biases of layer <paramref name="layer"/>: size × fan-in + size for a dense layer, 0 for an addition.</summary>
    public int LayerParameterCount(int layer) => LayerParameterCount(Layers[layer], _fanIn[layer]);

    /// <summary>
    /// Describes a sequential network: one input of <paramref name="inputs"/> values, then the layers in order,
    /// each reading the previous one (named layer1, layer2, ...), the last one being the output.
    /// </summary>
    public static NetworkSpec Sequential(int inputs, Loss loss, Precision precision, params (int Size, Activation Activation)[] layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var specs = new LayerSpec[layers.Length];
        string previous = DefaultInputName;
        for (int l = 0; l < layers.Length; l++)
        {
            string name = DefaultLayerName(l + 1);
            specs[l] = new LayerSpec(name, LayerKind.Dense, layers[l].Size, layers[l].Activation, new[] { previous });
            previous = name;
        }
        return new NetworkSpec(
            new[] { new InputSpec(DefaultInputName, inputs) },
            specs,
            new[] { new OutputSpec(previous, loss) },
            precision);
    }

    /// <summary>The name a sequential network gives its layer number <paramref name="number"/> (1-based): layer1, layer2, ...</summary>
    public static string DefaultLayerName(int number) => "layer" + number.ToString(CultureInfo.InvariantCulture);

    /// <summary>The inputs, in the order their values appear in a flat input span.</summary>
    public IReadOnlyList<InputSpec> Inputs { get; }
    /// <summary>The layers, in declaration (and evaluation) order.</summary>
    public IReadOnlyList<LayerSpec> Layers { get; }
    /// <summary>The outputs, in the order their values appear in a flat output span.</summary>
    public IReadOnlyList<OutputSpec> Outputs { get; }
    /// <summary>The floating-point type the network was declared with.</summary>
    public Precision Precision { get; }
    /// <summary>The number of input values in all.</summary>
    public int InputCount { get; }
    /// <summary>The number of output values in all.</summary>
    public int OutputCount { get; }
    /// <summary>The number of weights and biases in all.</summary>
    public int ParameterCount { get; }

    /// <summary>True when the network is a chain: one input, each layer reading the one before, one output at the end.</summary>
    public bool IsSequential
    {
        get
        {
            if (Inputs.Count != 1 || Outputs.Count != 1 || Outputs[0].Source != Layers[^1].Name) return false;
            string previous = Inputs[0].Name;
            foreach (LayerSpec layer in Layers)
            {
                if (layer.Kind != LayerKind.Dense || layer.Sources.Count != 1 || layer.Sources[0] != previous) return false;
                previous = layer.Name;
            }
            return true;
        }
    }

    /// <summary>The index of the layer called <paramref name="name"/>, or −1.</summary>
    public int IndexOfLayer(string name)
    {
        for (int l = 0; l < Layers.Count; l++)
            if (Layers[l].Name == name) return l;
        return -1;
    }

    /// <summary>The size of the input or layer called <paramref name="name"/>.</summary>
    public int SizeOf(string name) =>
        _sizes.TryGetValue(name, out int size) ? size : throw new ArgumentException($"'{name}' is not an input or layer of this network.", nameof(name));

    /// <summary>The number of values layer <paramref name="layer"/> reads: the sizes of its sources added up.</summary>
    public int FanIn(int layer) => _fanIn[layer];

    /// <summary>The index in the parameter vector of layer <paramref name="layer"/>'s first weight w[0,0] (for an addition,
    /// which has none, where the next layer's parameters start).</summary>
    public int WeightOffset(int layer) => _weightOffset[layer];

    /// <summary>The index in the parameter vector of layer <paramref name="layer"/>'s first bias b[0].</summary>
    public int BiasOffset(int layer) =>
        Layers[layer].Kind == LayerKind.Dense ? _weightOffset[layer] + Layers[layer].Size * _fanIn[layer] : _weightOffset[layer];

    /// <summary>The name of parameter <paramref name="index"/>: <c>layer2.w[j,k]</c> for a weight, <c>layer2.b[j]</c> for a bias.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not in [0, ParameterCount).</exception>
    public string ParameterName(int index)
    {
        if ((uint)index >= (uint)ParameterCount)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Expected a parameter index in [0, {ParameterCount}).");
        int l = Layers.Count - 1;
        while (_weightOffset[l] > index || LayerParameterCount(l) == 0) l--;
        int local = index - _weightOffset[l];
        int weights = Layers[l].Size * _fanIn[l];
        return local < weights
            ? string.Create(CultureInfo.InvariantCulture, $"{Layers[l].Name}.w[{local / _fanIn[l]},{local % _fanIn[l]}]")
            : string.Create(CultureInfo.InvariantCulture, $"{Layers[l].Name}.b[{local - weights}]");
    }

    /// <summary>The index of the parameter called <paramref name="name"/> (<c>layer2.w[0,1]</c>, <c>layer2.b[0]</c>).</summary>
    /// <exception cref="ArgumentException">No parameter has that name; the message says what is wrong with it (the form,
    /// the layer, or an index out of range) and gives a valid name.</exception>
    public int ParameterIndex(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (TryParameterIndex(name, out int index, out string problem)) return index;
        throw new ArgumentException(problem, nameof(name));
    }

    /// <summary>
    /// Looks up the parameter called <paramref name="name"/>; on failure <paramref name="problem"/> is one sentence saying
    /// what is wrong and giving a valid name, with no mention of any argument (callers name their own).
    /// </summary>
    internal bool TryParameterIndex(string name, out int index, out string problem)
    {
        index = -1;
        problem = "";
        if (ParameterCount == 0)
        {
            problem = $"'{name}' names no parameter: this network has none (it has no dense layer).";
            return false;
        }
        string example = $"'{ParameterName(0)}' or '{ParameterName(BiasOffset(FirstDense()))}'";
        int dot = name.LastIndexOf('.');
        int open = name.IndexOf('[', dot + 1);
        if (dot <= 0 || open != dot + 2 || !name.EndsWith(']') || (name[dot + 1] != 'w' && name[dot + 1] != 'b'))
        {
            problem = $"'{name}' is not a parameter name; expected 'layer.w[j,k]' (a weight) or 'layer.b[j]' (a bias), such as {example}.";
            return false;
        }
        string layerName = name[..dot];
        int l = IndexOfLayer(layerName);
        if (l < 0 || Layers[l].Kind != LayerKind.Dense)
        {
            string dense = string.Join(", ", Layers.Where(x => x.Kind == LayerKind.Dense).Select(x => x.Name));
            problem = l < 0
                ? $"'{name}' names layer '{layerName}', which this network does not have; expected one of its dense layers ({dense}), such as {example}."
                : $"'{name}' names '{layerName}', a sum, which has no parameters; expected one of the dense layers ({dense}), such as {example}.";
            return false;
        }
        bool weight = name[dot + 1] == 'w';
        string[] indices = name[(open + 1)..^1].Split(',');
        int size = Layers[l].Size, fanIn = _fanIn[l];
        if (indices.Length != (weight ? 2 : 1) || !indices.All(i => int.TryParse(i, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            problem = weight
                ? $"'{name}' is not a weight name; expected '{layerName}.w[j,k]' with whole numbers j and k, such as '{layerName}.w[0,0]'."
                : $"'{name}' is not a bias name; expected '{layerName}.b[j]' with a whole number j, such as '{layerName}.b[0]'.";
            return false;
        }
        int j = int.Parse(indices[0], NumberStyles.None, CultureInfo.InvariantCulture);
        if (j >= size)
        {
            problem = string.Create(CultureInfo.InvariantCulture,
                $"'{name}' has neuron index {j}; expected 0 to {size - 1}, since {layerName} has {size} neuron(s).");
            return false;
        }
        if (!weight)
        {
            index = BiasOffset(l) + j;
            return true;
        }
        int k = int.Parse(indices[1], NumberStyles.None, CultureInfo.InvariantCulture);
        if (k >= fanIn)
        {
            problem = string.Create(CultureInfo.InvariantCulture,
                $"'{name}' has input index {k}; expected 0 to {fanIn - 1}, since {layerName} reads {fanIn} value(s).");
            return false;
        }
        index = _weightOffset[l] + j * fanIn + k;
        return true;
    }

    private int FirstDense()
    {
        for (int l = 0; l < Layers.Count; l++)
            if (Layers[l].Kind == LayerKind.Dense) return l;
        return 0;
    }

    /// <summary>A one-line description: the inputs, each layer, the loss and the parameter count.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(string.Join(" + ", Inputs.Select(i => string.Create(CultureInfo.InvariantCulture, $"{i.Name}[{i.Size}]"))));
        foreach (LayerSpec layer in Layers)
        {
            string from = IsSequential ? "" : "(" + string.Join(", ", layer.Sources) + ")";
            text.Append(layer.Kind == LayerKind.Add
                ? string.Create(CultureInfo.InvariantCulture, $" -> {layer.Name} = Add{from}")
                : string.Create(CultureInfo.InvariantCulture, $" -> {layer.Name} = Dense({layer.Size}, {layer.Activation}){from}"));
        }
        text.Append("; cost ").Append(string.Join(" + ", Outputs.Select(o =>
            (o.Weight == 1.0 ? "" : o.Weight.ToString("R", CultureInfo.InvariantCulture) + "·") + $"{o.Loss}({o.Source})")));
        text.Append(CultureInfo.InvariantCulture, $"; {ParameterCount} parameters");
        return text.ToString();
    }
}
