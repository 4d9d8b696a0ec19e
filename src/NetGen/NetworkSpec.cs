using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace NetGen;

/// <summary>
/// The description of a network from which both the generated code and <see cref="ReferenceNetwork{T}"/> are built:
/// a graph of named inputs and layers (by default each layer reads the previous one) and its outputs.
/// Generated classes expose theirs as <c>public static NetworkSpec Spec</c>.
/// </summary>
/// <remarks>
/// The flat parameter vector is laid out layer by layer in declaration order: the weights row-major
/// [outputs × inputs] (element <c>j * inputs + k</c> is w_jk, from neuron k of the layer's input into neuron j),
/// then the layer's biases — the order and shapes of PyTorch's <c>nn.Linear</c> weight and bias. A convolution's weights
/// are [filters × in_channels × kH × kW] row-major (element <c>((o·C + c)·kH + i)·kW + j</c> is w[o,c,i,j]), then its
/// filters' biases — PyTorch's <c>nn.Conv2d</c>. Sums and pooling layers have no parameters.
/// <para>Every input and layer has a <see cref="Shape"/>: a vector, or an image channels × height × width (CHW). The
/// constructor works out the shape of every convolution and pooling layer from the images it reads and keeps a copy of
/// each such layer whose <see cref="LayerSpec.Size"/> is its output's size, so <see cref="Layers"/>[l].Size and
/// <see cref="SizeOf"/> are right for every layer.</para>
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
    private readonly int[] _biasCount;
    private readonly Shape[] _layerShapes;
    private readonly Dictionary<string, Shape> _shapes = new(StringComparer.Ordinal);

    /// <summary>Describes a network graph and checks it.</summary>
    /// <exception cref="ArgumentException">The graph is not valid; the message says why.</exception>
    public NetworkSpec(IEnumerable<InputSpec> inputs, IEnumerable<LayerSpec> layers, IEnumerable<OutputSpec> outputs,
        Precision precision = Precision.Single)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(outputs);
        Inputs = inputs.ToArray();
        LayerSpec[] declared = layers.ToArray();
        Outputs = outputs.ToArray();
        Precision = precision;

        if (Inputs.Count == 0) throw new ArgumentException("A network needs at least one input.", nameof(inputs));
        if (declared.Length == 0) throw new ArgumentException("A network needs at least one layer.", nameof(layers));
        if (Outputs.Count == 0) throw new ArgumentException("A network needs at least one output.", nameof(outputs));

        long inputCount = 0;
        foreach (InputSpec input in Inputs)
        {
            if (!input.IsImage && input.Size <= 0)
                throw new ArgumentException($"Input '{input.Name}' has size {input.Size}; expected a positive size.", nameof(inputs));
            if (input.IsImage)
            {
                CheckPositive(input.Channels, "channels");
                CheckPositive(input.Height, "height");
                CheckPositive(input.Width, "width");
            }
            if (!_shapes.TryAdd(input.Name, input.Shape))
                throw new ArgumentException($"The name '{input.Name}' is used twice.", nameof(inputs));
            inputCount += input.Size;

            void CheckPositive(int value, string what)
            {
                if (value <= 0)
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                        $"Input '{input.Name}' has {what} {value}; expected a positive {what}."), nameof(inputs));
            }
        }
        InputCount = CheckCount(inputCount, "The inputs hold", "values in all", nameof(inputs));

        var resolved = new LayerSpec[declared.Length];
        _fanIn = new int[declared.Length];
        _weightOffset = new int[declared.Length];
        _biasCount = new int[declared.Length];
        _layerShapes = new Shape[declared.Length];
        long offset = 0;
        for (int l = 0; l < declared.Length; l++)
        {
            LayerSpec layer = declared[l];
            if (!Enum.IsDefined(layer.Activation))
                throw Bad(layer, $"has activation {(int)layer.Activation}, which is not an Activation.");
            if (!double.IsFinite(layer.Slope))
                throw Bad(layer, $"has LeakyReLU slope {layer.Slope.ToString(CultureInfo.InvariantCulture)}; expected a finite number.");
            if (layer.Sources.Count == 0)
                throw Bad(layer, "reads no source.");
            var sources = new Shape[layer.Sources.Count];
            for (int s = 0; s < sources.Length; s++)
                if (!_shapes.TryGetValue(layer.Sources[s], out sources[s]))
                    throw Bad(layer, $"reads '{layer.Sources[s]}', which is not an input or an earlier layer.");

            Resolution r = layer.Kind switch
            {
                LayerKind.Dense => ResolveDense(layer, sources),
                LayerKind.Add => ResolveSum(layer, sources),
                LayerKind.Conv => ResolveConv(layer, sources),
                LayerKind.MaxPool or LayerKind.AvgPool => ResolvePool(layer, sources),
                LayerKind.GlobalAvgPool => ResolveGlobalAvgPool(layer, sources),
                _ => throw Bad(layer, $"has kind {(int)layer.Kind}, which is not a LayerKind."),
            };
            int size = CheckCount((long)r.Shape.Channels * r.Shape.Height * r.Shape.Width, $"Layer '{layer.Name}' produces", "values", nameof(layers));
            if (!_shapes.TryAdd(layer.Name, r.Shape))
                throw new ArgumentException($"The name '{layer.Name}' is used twice.", nameof(layers));
            resolved[l] = layer.WithSize(size);
            _layerShapes[l] = r.Shape;
            _fanIn[l] = CheckCount(r.FanIn, $"Layer '{layer.Name}' reads", "values per output", nameof(layers));
            _biasCount[l] = r.Biases;
            long parameters = (long)r.Biases * _fanIn[l] + r.Biases;
            _weightOffset[l] = (int)offset;
            offset += CheckCount(parameters, $"Layer '{layer.Name}' has", "parameters", nameof(layers));
            CheckCount(offset, "The network has", "parameters in all", nameof(layers));
        }
        Layers = resolved;
        ParameterCount = (int)offset;

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

        OutputCount = CheckCount(Outputs.Sum(o => (long)Layers[IndexOfLayer(o.Source)].Size), "The outputs hold", "values in all", nameof(outputs));
    }

    /// <summary>A layer's output shape, the number of values one output reads, and its number of biases (= rows of weights).</summary>
    private readonly record struct Resolution(Shape Shape, long FanIn, int Biases);

    /// <summary>A dense layer reads its sources flattened and concatenated: fan-in Σ sizes, a vector of Size neurons.</summary>
    private static Resolution ResolveDense(LayerSpec layer, Shape[] sources)
    {
        if (layer.Size <= 0)
            throw Bad(layer, $"has size {layer.Size}; expected a positive size.");
        return new Resolution(Shape.Vector(layer.Size), sources.Sum(s => (long)s.Size), layer.Size);
    }

    /// <summary>A sum of sources of one shape, which is also the sum's.</summary>
    private static Resolution ResolveSum(LayerSpec layer, Shape[] sources)
    {
        if (layer.Size <= 0)
            throw Bad(layer, $"has size {layer.Size}; expected a positive size.");
        if (layer.Activation != Activation.Identity)
            throw Bad(layer, $"is a sum with activation {layer.Activation}; expected Identity, since a sum applies none.");
        for (int s = 0; s < sources.Length; s++)
        {
            if (sources[s].Size != layer.Size)
                throw Bad(layer, $"adds '{layer.Sources[s]}' of size {sources[s].Size}; expected size {layer.Size}, the size of the sum.");
            if (sources[s] != sources[0])
                throw Bad(layer, $"adds '{layer.Sources[s]}', {Describe(sources[s])}; expected {Describe(sources[0])}, the shape of '{layer.Sources[0]}'.");
        }
        return new Resolution(sources[0], sources.Sum(s => (long)s.Size), 0);
    }

    /// <summary>A convolution of image sources concatenated along channels.</summary>
    private static Resolution ResolveConv(LayerSpec layer, Shape[] sources)
    {
        if (layer.Filters <= 0)
            throw Bad(layer, $"is a convolution with {layer.Filters} filters; expected at least 1.");
        if (layer.Activation == Activation.Softmax)
            throw Bad(layer, "is a convolution with activation Softmax; expected an element-wise activation (Softmax is for a dense output layer).");
        CheckWindow(layer, "kernel");
        if (layer.Padding < 0)
            throw Bad(layer, $"has padding {layer.Padding}; expected 0 or more.");
        Shape first = RequireImages(layer, sources, "a convolution");
        long channels = 0;
        for (int s = 0; s < sources.Length; s++)
        {
            if (sources[s].Height != first.Height || sources[s].Width != first.Width)
                throw Bad(layer, $"concatenates '{layer.Sources[0]}' ({first}) and '{layer.Sources[s]}' ({sources[s]}) along channels; expected the same height and width.");
            channels += sources[s].Channels;
        }
        long paddedHeight = first.Height + 2L * layer.Padding, paddedWidth = first.Width + 2L * layer.Padding;
        if (layer.KernelHeight > paddedHeight || layer.KernelWidth > paddedWidth)
            throw Bad(layer, string.Create(CultureInfo.InvariantCulture,
                $"has a {layer.KernelHeight}x{layer.KernelWidth} kernel, larger than its {first.Height}x{first.Width} input padded by {layer.Padding} on every side ({paddedHeight}x{paddedWidth}); expected a kernel of at most {paddedHeight}x{paddedWidth}, so that the output has at least one row and one column."));
        long height = (paddedHeight - layer.KernelHeight) / layer.Stride + 1, width = (paddedWidth - layer.KernelWidth) / layer.Stride + 1;
        int c = CheckCount(channels, $"Layer '{layer.Name}' reads", "channels", "layers");
        int h = CheckCount(height, $"Layer '{layer.Name}' has", "output rows", "layers");
        int w = CheckCount(width, $"Layer '{layer.Name}' has", "output columns", "layers");
        return new Resolution(Shape.Image(layer.Filters, h, w), (long)c * layer.KernelHeight * layer.KernelWidth, layer.Filters);
    }

    /// <summary>Max or average pooling of one image, window by window, channels kept.</summary>
    private static Resolution ResolvePool(LayerSpec layer, Shape[] sources)
    {
        string what = KindText(layer.Kind);
        if (layer.Activation != Activation.Identity)
            throw Bad(layer, $"is {what} with activation {layer.Activation}; expected Identity, since pooling applies none.");
        CheckWindow(layer, "window");
        Shape input = RequireImages(layer, sources, what);
        if (sources.Length != 1)
            throw Bad(layer, $"is {what} of {sources.Length} sources; expected exactly one image.");
        if (layer.KernelHeight > input.Height || layer.KernelWidth > input.Width)
            throw Bad(layer, $"has a {layer.KernelHeight}x{layer.KernelWidth} window, larger than its {input} input; expected a window of at most {input.Height}x{input.Width}.");
        int height = (input.Height - layer.KernelHeight) / layer.Stride + 1, width = (input.Width - layer.KernelWidth) / layer.Stride + 1;
        return new Resolution(Shape.Image(input.Channels, height, width), (long)layer.KernelHeight * layer.KernelWidth, 0);
    }

    /// <summary>The mean of each channel of one image: channels × 1 × 1.</summary>
    private static Resolution ResolveGlobalAvgPool(LayerSpec layer, Shape[] sources)
    {
        string what = KindText(layer.Kind);
        if (layer.Activation != Activation.Identity)
            throw Bad(layer, $"is {what} with activation {layer.Activation}; expected Identity, since pooling applies none.");
        Shape input = RequireImages(layer, sources, what);
        if (sources.Length != 1)
            throw Bad(layer, $"is {what} of {sources.Length} sources; expected exactly one image.");
        return new Resolution(Shape.Image(input.Channels, 1, 1), (long)input.Height * input.Width, 0);
    }

    private static void CheckWindow(LayerSpec layer, string what)
    {
        if (layer.KernelHeight <= 0 || layer.KernelWidth <= 0)
            throw Bad(layer, $"has a {layer.KernelHeight}x{layer.KernelWidth} {what}; expected a positive height and width.");
        if (layer.Stride <= 0)
            throw Bad(layer, $"has stride {layer.Stride}; expected a positive stride.");
    }

    /// <summary>Checks that every source is an image and returns the first one's shape.</summary>
    private static Shape RequireImages(LayerSpec layer, Shape[] sources, string what)
    {
        for (int s = 0; s < sources.Length; s++)
            if (!sources[s].IsImage)
                throw Bad(layer, $"is {what} reading '{layer.Sources[s]}', {Describe(sources[s])}; expected an image (an image input, a convolution or a pooling layer).");
        return sources[0];
    }

    private static string Describe(Shape shape) =>
        shape.IsImage ? $"an image {shape}" : $"a vector of {shape.Size.ToString(CultureInfo.InvariantCulture)} values";

    /// <summary>The kind of a layer as the messages write it: "a dense layer", "a sum", "a convolution", "a max pooling".</summary>
    internal static string KindText(LayerKind kind) => kind switch
    {
        LayerKind.Dense => "a dense layer",
        LayerKind.Add => "a sum",
        LayerKind.Conv => "a convolution",
        LayerKind.MaxPool => "a max pooling",
        LayerKind.AvgPool => "an average pooling",
        LayerKind.GlobalAvgPool => "a global average pooling",
        _ => kind.ToString(),
    };

    private static ArgumentException Bad(LayerSpec layer, string problem) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Layer '{layer.Name}' {problem}"), "layers");

    /// <summary>A count worked out in long: refused with "{what} N {unit}; expected at most 2147483647" unless it fits in an int.</summary>
    private static int CheckCount(long count, string what, string unit, string paramName) =>
        count <= int.MaxValue
            ? (int)count
            : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{what} {count} {unit}; expected at most {int.MaxValue}."), paramName);

    /// <summary>The number of weights and biases of layer <paramref name="layer"/>: size × fan-in + size for a dense layer,
    /// filters × fan-in + filters for a convolution (fan-in = in_channels × kH × kW), 0 for a sum or a pooling layer.</summary>
    public int LayerParameterCount(int layer) => _biasCount[layer] * _fanIn[layer] + _biasCount[layer];

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
    /// <summary>The layers, in declaration (and evaluation) order; a convolution or pooling layer with its
    /// <see cref="LayerSpec.Size"/> worked out.</summary>
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

    /// <summary>True when the network is a chain: one input, each layer reading the one before (a dense, convolution or
    /// pooling layer; not a sum), one output at the end.</summary>
    public bool IsSequential
    {
        get
        {
            if (Inputs.Count != 1 || Outputs.Count != 1 || Outputs[0].Source != Layers[^1].Name) return false;
            string previous = Inputs[0].Name;
            foreach (LayerSpec layer in Layers)
            {
                if (layer.Kind == LayerKind.Add || layer.Sources.Count != 1 || layer.Sources[0] != previous) return false;
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
    public int SizeOf(string name) => ShapeOf(name).Size;

    /// <summary>The shape of the input or layer called <paramref name="name"/>: a vector, or an image channels × height × width.</summary>
    /// <exception cref="ArgumentException">No input or layer has that name.</exception>
    public Shape ShapeOf(string name) =>
        _shapes.TryGetValue(name, out Shape shape) ? shape : throw new ArgumentException($"'{name}' is not an input or layer of this network.", nameof(name));

    /// <summary>The shape of the values layer <paramref name="layer"/> produces.</summary>
    public Shape ShapeOf(int layer) => _layerShapes[layer];

    /// <summary>The number of values one output of layer <paramref name="layer"/> reads: the sizes of its sources added up
    /// for a dense layer (and a sum), in_channels × kH × kW for a convolution, kH × kW for a pooling window, height × width
    /// for a global average pooling.</summary>
    public int FanIn(int layer) => _fanIn[layer];

    /// <summary>The number of biases of layer <paramref name="layer"/>, which is also the number of rows of its weights: the
    /// neurons of a dense layer, the filters of a convolution, 0 for a layer without parameters.</summary>
    internal int BiasCount(int layer) => _biasCount[layer];

    /// <summary>The index in the parameter vector of layer <paramref name="layer"/>'s first weight w[0,0] (w[0,0,0,0] for a
    /// convolution; for a layer without parameters, where the next layer's parameters start).</summary>
    public int WeightOffset(int layer) => _weightOffset[layer];

    /// <summary>The index in the parameter vector of layer <paramref name="layer"/>'s first bias b[0].</summary>
    public int BiasOffset(int layer) => _weightOffset[layer] + _biasCount[layer] * _fanIn[layer];

    /// <summary>The number of channels a convolution reads: its sources' channels added up.</summary>
    internal int InputChannels(int layer) => _fanIn[layer] / (Layers[layer].KernelHeight * Layers[layer].KernelWidth);

    /// <summary>The name of parameter <paramref name="index"/>: <c>layer2.w[j,k]</c> for a dense weight, <c>conv1.w[o,c,i,j]</c>
    /// for a convolution's weight (filter o, input channel c, kernel row i, column j), <c>layer2.b[j]</c> for a bias.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not in [0, ParameterCount).</exception>
    public string ParameterName(int index)
    {
        if ((uint)index >= (uint)ParameterCount)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Expected a parameter index in [0, {ParameterCount}).");
        int l = LayerOfParameter(index);
        LayerSpec layer = Layers[l];
        int local = index - _weightOffset[l], fanIn = _fanIn[l];
        int weights = _biasCount[l] * fanIn;
        if (local >= weights)
            return string.Create(CultureInfo.InvariantCulture, $"{layer.Name}.b[{local - weights}]");
        if (layer.Kind != LayerKind.Conv)
            return string.Create(CultureInfo.InvariantCulture, $"{layer.Name}.w[{local / fanIn},{local % fanIn}]");
        int kw = layer.KernelWidth, kh = layer.KernelHeight, channels = fanIn / (kh * kw);
        int j = local % kw, i = local / kw % kh, c = local / (kw * kh) % channels, o = local / fanIn;
        return string.Create(CultureInfo.InvariantCulture, $"{layer.Name}.w[{o},{c},{i},{j}]");
    }

    /// <summary>The layer whose parameters include index <paramref name="index"/> (in [0, ParameterCount)).</summary>
    internal int LayerOfParameter(int index)
    {
        int l = Layers.Count - 1;
        while (_weightOffset[l] > index || LayerParameterCount(l) == 0) l--;
        return l;
    }

    /// <summary>The index of the parameter called <paramref name="name"/> (<c>layer2.w[0,1]</c>, <c>conv1.w[0,2,1,1]</c>,
    /// <c>layer2.b[0]</c>).</summary>
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
        bool convolutional = Layers.Any(x => x.Kind == LayerKind.Conv);
        if (ParameterCount == 0)
        {
            problem = $"'{name}' names no parameter: this network has none (it has no dense or convolutional layer).";
            return false;
        }
        string example = $"'{ParameterName(0)}' or '{ParameterName(BiasOffset(LayerOfParameter(0)))}'";
        int dot = name.LastIndexOf('.');
        int open = name.IndexOf('[', dot + 1);
        if (dot <= 0 || open != dot + 2 || !name.EndsWith(']') || (name[dot + 1] != 'w' && name[dot + 1] != 'b'))
        {
            string weightForms = convolutional ? "'layer.w[j,k]' or 'layer.w[o,c,i,j]'" : "'layer.w[j,k]'";
            problem = $"'{name}' is not a parameter name; expected {weightForms} (a weight) or 'layer.b[j]' (a bias), such as {example}.";
            return false;
        }
        string layerName = name[..dot];
        int l = IndexOfLayer(layerName);
        if (l < 0 || LayerParameterCount(l) == 0)
        {
            string which = Layers.All(x => x.Kind != LayerKind.Conv) ? "dense layers" : "layers with parameters";
            string withParameters = string.Join(", ", Layers.Where((x, i) => LayerParameterCount(i) > 0).Select(x => x.Name));
            problem = l < 0
                ? $"'{name}' names layer '{layerName}', which this network does not have; expected one of its {which} ({withParameters}), such as {example}."
                : $"'{name}' names '{layerName}', {KindText(Layers[l].Kind)}, which has no parameters; expected one of the {which} ({withParameters}), such as {example}.";
            return false;
        }
        LayerSpec layer = Layers[l];
        bool conv = layer.Kind == LayerKind.Conv;
        bool weight = name[dot + 1] == 'w';
        string[] indices = name[(open + 1)..^1].Split(',');
        if (indices.Length != (weight ? (conv ? 4 : 2) : 1) || !indices.All(i => int.TryParse(i, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            problem = (weight, conv) switch
            {
                (true, false) => $"'{name}' is not a weight name; expected '{layerName}.w[j,k]' with whole numbers j and k, such as '{layerName}.w[0,0]'.",
                (true, true) => $"'{name}' is not a weight name; expected '{layerName}.w[o,c,i,j]' with whole numbers o (filter), c (input channel), i and j (kernel row and column), such as '{layerName}.w[0,0,0,0]'.",
                (false, false) => $"'{name}' is not a bias name; expected '{layerName}.b[j]' with a whole number j, such as '{layerName}.b[0]'.",
                (false, true) => $"'{name}' is not a bias name; expected '{layerName}.b[o]' with a whole number o (filter), such as '{layerName}.b[0]'.",
            };
            return false;
        }
        int[] at = indices.Select(i => int.Parse(i, NumberStyles.None, CultureInfo.InvariantCulture)).ToArray();
        int rows = _biasCount[l], fanIn = _fanIn[l];
        if (at[0] >= rows)
        {
            problem = conv
                ? string.Create(CultureInfo.InvariantCulture, $"'{name}' has filter index {at[0]}; expected 0 to {rows - 1}, since {layerName} has {rows} filter(s).")
                : string.Create(CultureInfo.InvariantCulture, $"'{name}' has neuron index {at[0]}; expected 0 to {rows - 1}, since {layerName} has {rows} neuron(s).");
            return false;
        }
        if (!weight)
        {
            index = BiasOffset(l) + at[0];
            return true;
        }
        if (!conv)
        {
            if (at[1] >= fanIn)
            {
                problem = string.Create(CultureInfo.InvariantCulture,
                    $"'{name}' has input index {at[1]}; expected 0 to {fanIn - 1}, since {layerName} reads {fanIn} value(s).");
                return false;
            }
            index = _weightOffset[l] + at[0] * fanIn + at[1];
            return true;
        }
        int channels = InputChannels(l), kh = layer.KernelHeight, kw = layer.KernelWidth;
        problem = (at[1] >= channels, at[2] >= kh, at[3] >= kw) switch
        {
            (true, _, _) => string.Create(CultureInfo.InvariantCulture,
                $"'{name}' has input channel index {at[1]}; expected 0 to {channels - 1}, since {layerName} reads {channels} channel(s)."),
            (_, true, _) => string.Create(CultureInfo.InvariantCulture,
                $"'{name}' has kernel row index {at[2]}; expected 0 to {kh - 1}, since {layerName}'s kernel is {kh}x{kw}."),
            (_, _, true) => string.Create(CultureInfo.InvariantCulture,
                $"'{name}' has kernel column index {at[3]}; expected 0 to {kw - 1}, since {layerName}'s kernel is {kh}x{kw}."),
            _ => "",
        };
        if (problem.Length > 0) return false;
        index = _weightOffset[l] + ((at[0] * channels + at[1]) * kh + at[2]) * kw + at[3];
        return true;
    }

    /// <summary>A one-line description: the inputs, each layer (with its output shape when it is an image), the loss and
    /// the parameter count. Culture-free and ASCII apart from the names.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(string.Join(" + ", Inputs.Select(i => $"{i.Name}[{i.Shape}]")));
        bool sequential = IsSequential;
        for (int l = 0; l < Layers.Count; l++)
        {
            LayerSpec layer = Layers[l];
            string from = sequential ? "" : "(" + string.Join(", ", layer.Sources) + ")";
            string activation = layer.Activation == Activation.LeakyReLU && layer.Slope != LayerSpec.DefaultSlope
                ? $"LeakyReLU({layer.Slope.ToString("R", CultureInfo.InvariantCulture)})"
                : layer.Activation.ToString();
            string shape = _layerShapes[l].IsImage ? ": " + _layerShapes[l] : "";
            string what = layer.Kind switch
            {
                LayerKind.Add => "Add",
                LayerKind.Conv => string.Create(CultureInfo.InvariantCulture,
                    $"Conv({layer.Filters}, {layer.KernelHeight}x{layer.KernelWidth}, stride {layer.Stride}, padding {layer.Padding}, {activation})"),
                LayerKind.MaxPool or LayerKind.AvgPool => string.Create(CultureInfo.InvariantCulture,
                    $"{layer.Kind}({layer.KernelHeight}x{layer.KernelWidth}, stride {layer.Stride})"),
                LayerKind.GlobalAvgPool => "GlobalAvgPool",
                _ => string.Create(CultureInfo.InvariantCulture, $"Dense({layer.Size}, {activation})"),
            };
            text.Append(" -> ").Append(layer.Name).Append(" = ").Append(what).Append(from).Append(shape);
        }
        text.Append("; cost ").Append(string.Join(" + ", Outputs.Select(o =>
            (o.Weight == 1.0 ? "" : o.Weight.ToString("R", CultureInfo.InvariantCulture) + "·") + $"{o.Loss}({o.Source})")));
        text.Append(CultureInfo.InvariantCulture, $"; {ParameterCount} parameters");
        return text.ToString();
    }
}
