using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Runtime.InteropServices;
using Google.Protobuf;
using NetGen.IO;
using Onnx;

namespace NetGen;

/// <summary>
/// Turns a <see cref="NetworkSpec"/> and its parameter vector into an ONNX graph. Each <see cref="LayerKind"/> maps to
/// its nodes in exactly one method (<see cref="AddDense"/>, <see cref="AddSum"/>, <see cref="AddConv"/>,
/// <see cref="AddPool"/>, <see cref="AddGlobalAvgPool"/>), chosen by the switch in <see cref="AddLayer"/>: a new kind
/// of layer is one new case and one new method.
/// </summary>
/// <remarks>
/// A vector is a 2-D tensor [batch, size], an image a 4-D tensor [batch, channels, height, width] (NCHW): the first
/// dimension is the symbolic <see cref="Onnx.BatchDimension"/>, so one model serves any number of rows. The value a
/// layer produces carries the layer's name (an input's value the input's name); the exporter's own intermediate values
/// are named after their layer with a suffix (<c>{layer}/concat</c>, <c>{layer}/z</c>, <c>{layer}/sum1</c>,
/// <c>{source}/flat</c>) and <see cref="OnnxNames"/> keeps every name unique.
/// </remarks>
internal sealed class OnnxGraphBuilder<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly NetworkSpec _spec;
    private readonly T[] _parameters;
    private readonly int _elementType;
    private readonly GraphProto _graph = new();
    private readonly OnnxNames _values = new();
    private readonly OnnxNames _nodes = new();
    /// <summary>The ONNX value of each input and layer of the spec, by the spec's name.</summary>
    private readonly Dictionary<string, string> _valueOf = new(StringComparer.Ordinal);
    /// <summary>The initializer names of each dense layer and convolution, by layer index.</summary>
    private readonly Dictionary<int, (string Weight, string Bias)> _initializerOf = new();
    /// <summary>The flattened [batch, C·H·W] value of each image a dense layer reads, by the spec's name (made once).</summary>
    private readonly Dictionary<string, string> _flattened = new(StringComparer.Ordinal);

    private OnnxGraphBuilder(NetworkSpec spec, T[] parameters)
    {
        _spec = spec;
        _parameters = parameters;
        _elementType = (int)Onnx.ElementTypeOf<T>();
    }

    /// <summary>The graph of <paramref name="spec"/> with the weights <paramref name="parameters"/> (laid out as <see cref="NetworkSpec"/> says).</summary>
    public static GraphProto Build(NetworkSpec spec, ReadOnlySpan<T> parameters)
    {
        var builder = new OnnxGraphBuilder<T>(spec, parameters.ToArray());
        builder.AddAll();
        return builder._graph;
    }

    private void AddAll()
    {
        _graph.Name = "NetGen";
        _graph.DocString = _spec.ToString();

        // Graph inputs and outputs keep the spec's names exactly: callers bind them by name.
        foreach (InputSpec input in _spec.Inputs)
        {
            if (string.IsNullOrEmpty(input.Name))
                throw new ArgumentException("An input of the network has an empty name; ONNX reserves the empty name for a missing value.", "network");
            _values.TryTakeExactly(input.Name);   // input names are unique in a valid spec
            _valueOf[input.Name] = input.Name;
            _graph.Input.Add(TensorValue(input.Name, input.Shape));
        }
        var outputNames = new string[_spec.Outputs.Count];
        for (int o = 0; o < _spec.Outputs.Count; o++)
        {
            string source = _spec.Outputs[o].Source;
            if (_values.TryTakeExactly(source))
            {
                _valueOf[source] = source;
                outputNames[o] = source;
            }
            // else: the same layer is an output twice; its second graph output is a copy, added below.
        }

        // Then the initializers, with the names of the PyTorch state dict (Safetensors.TensorsOf: the same names,
        // shapes and offsets as a .safetensors file of this network).
        IReadOnlyList<TensorInfo> tensors = Safetensors.TensorsOf(_spec);
        int next = 0;
        for (int l = 0; l < _spec.Layers.Count; l++)
        {
            if (_spec.LayerParameterCount(l) == 0) continue;
            TensorInfo weight = tensors[next++], bias = tensors[next++];
            string weightName = _values.Take(weight.Name), biasName = _values.Take(bias.Name);
            _graph.Initializer.Add(Initializer(weightName, weight));
            _graph.Initializer.Add(Initializer(biasName, bias));
            _initializerOf[l] = (weightName, biasName);
        }

        // Hidden layers' values carry the layer's name too, unless that name is already an initializer's.
        foreach (LayerSpec layer in _spec.Layers)
            if (!_valueOf.ContainsKey(layer.Name))
                _valueOf[layer.Name] = _values.Take(layer.Name);

        for (int l = 0; l < _spec.Layers.Count; l++)
            AddLayer(l, _spec.Layers[l]);

        for (int o = 0; o < _spec.Outputs.Count; o++)
        {
            string source = _spec.Outputs[o].Source;
            if (outputNames[o] is null)
            {
                outputNames[o] = _values.Take(source);
                AddNode("Identity", source + "/copy", [_valueOf[source]], outputNames[o]);
            }
            _graph.Output.Add(TensorValue(outputNames[o], _spec.ShapeOf(source)));
        }
    }

    /// <summary>The nodes of one layer: the one place where a kind of layer becomes ONNX operators.</summary>
    private void AddLayer(int index, LayerSpec layer)
    {
        switch (layer.Kind)
        {
            case LayerKind.Dense:
                AddDense(index, layer);
                break;
            case LayerKind.Add:
                AddSum(layer);
                break;
            case LayerKind.Conv:
                AddConv(index, layer);
                break;
            case LayerKind.MaxPool or LayerKind.AvgPool:
                AddPool(layer);
                break;
            case LayerKind.GlobalAvgPool:
                AddGlobalAvgPool(layer);
                break;
            default:
                throw new NotSupportedException(string.Create(CultureInfo.InvariantCulture,
                    $"Layer '{layer.Name}' is of kind {layer.Kind}, which has no ONNX export yet."));
        }
    }

    /// <summary>
    /// A dense layer, z = W·x + b then a = σ(z): each image source first flattened (<c>Flatten(axis = 1)</c>, CHW order,
    /// once per image), <c>Concat(axis = 1)</c> of its sources when it has several (in the spec's order),
    /// <c>Gemm(x, W, b)</c> with transB = 1 (W is stored [size, fan-in], PyTorch's layout), then the activation's node;
    /// Identity adds none, the Gemm's output is the layer's value.
    /// </summary>
    private void AddDense(int index, LayerSpec layer)
    {
        string[] sources = layer.Sources.Select(Flat).ToArray();
        string x = sources.Length == 1
            ? sources[0]
            : AddNode("Concat", layer.Name + "/Concat", sources, _values.Take(layer.Name + "/concat"), IntAttribute("axis", 1));
        (string weight, string bias) = _initializerOf[index];
        string a = _valueOf[layer.Name];
        string z = layer.Activation == Activation.Identity ? a : _values.Take(layer.Name + "/z");
        AddNode("Gemm", layer.Name + "/Gemm", [x, weight, bias], z, IntAttribute("transB", 1));
        AddActivation(layer, z, a);
    }

    /// <summary>The [batch, size] value of a source a dense layer reads: a vector as it is, an image through one
    /// <c>Flatten(axis = 1)</c> (which keeps NCHW's row-major order, the CHW order of NetGen's flat values).</summary>
    private string Flat(string source)
    {
        if (!_spec.ShapeOf(source).IsImage) return _valueOf[source];
        if (!_flattened.TryGetValue(source, out string? flat))
        {
            flat = AddNode("Flatten", source + "/Flatten", [_valueOf[source]], _values.Take(source + "/flat"), IntAttribute("axis", 1));
            _flattened[source] = flat;
        }
        return flat;
    }

    /// <summary>
    /// A convolution, as PyTorch's Conv2d then σ: <c>Concat(axis = 1)</c> of its sources when it has several (along
    /// channels), <c>Conv(x, W, B)</c> with kernel_shape [kH, kW], strides [s, s], pads [p, p, p, p], dilations [1, 1],
    /// group 1 (W is [filters, in_channels, kH, kW]), then the activation's node.
    /// </summary>
    private void AddConv(int index, LayerSpec layer)
    {
        string x = layer.Sources.Count == 1
            ? _valueOf[layer.Sources[0]]
            : AddNode("Concat", layer.Name + "/Concat", layer.Sources.Select(s => _valueOf[s]), _values.Take(layer.Name + "/concat"), IntAttribute("axis", 1));
        (string weight, string bias) = _initializerOf[index];
        string a = _valueOf[layer.Name];
        string z = layer.Activation == Activation.Identity ? a : _values.Take(layer.Name + "/z");
        AddNode("Conv", layer.Name + "/Conv", [x, weight, bias], z,
            IntsAttribute("kernel_shape", layer.KernelHeight, layer.KernelWidth),
            IntsAttribute("strides", layer.Stride, layer.Stride),
            IntsAttribute("pads", layer.Padding, layer.Padding, layer.Padding, layer.Padding),
            IntsAttribute("dilations", 1, 1),
            IntAttribute("group", 1));
        AddActivation(layer, z, a);
    }

    /// <summary>Max or average pooling: <c>MaxPool</c> or <c>AveragePool</c> with kernel_shape [kH, kW] and strides [s, s],
    /// no padding (so AveragePool's count_include_pad does not matter) and floor rounding (ceil_mode 0), as PyTorch's
    /// MaxPool2d and AvgPool2d.</summary>
    private void AddPool(LayerSpec layer)
    {
        string op = layer.Kind == LayerKind.MaxPool ? "MaxPool" : "AveragePool";
        AddNode(op, layer.Name + "/" + op, [_valueOf[layer.Sources[0]]], _valueOf[layer.Name],
            IntsAttribute("kernel_shape", layer.KernelHeight, layer.KernelWidth),
            IntsAttribute("strides", layer.Stride, layer.Stride));
    }

    /// <summary>Global average pooling, as PyTorch's AdaptiveAvgPool2d(1): <c>GlobalAveragePool</c>, [batch, C, 1, 1].</summary>
    private void AddGlobalAvgPool(LayerSpec layer) =>
        AddNode("GlobalAveragePool", layer.Name + "/GlobalAveragePool", [_valueOf[layer.Sources[0]]], _valueOf[layer.Name]);

    /// <summary>The node of σ from <paramref name="z"/> to <paramref name="a"/> (none for Identity, where z is a):
    /// Sigmoid, Tanh, Relu, LeakyRelu with alpha the layer's slope, Softplus, Softmax over the last axis.</summary>
    private void AddActivation(LayerSpec layer, string z, string a)
    {
        switch (layer.Activation)
        {
            case Activation.Identity: break;
            case Activation.Sigmoid: AddNode("Sigmoid", layer.Name + "/Sigmoid", [z], a); break;
            case Activation.Tanh: AddNode("Tanh", layer.Name + "/Tanh", [z], a); break;
            case Activation.ReLU: AddNode("Relu", layer.Name + "/Relu", [z], a); break;
            // ONNX's alpha is a float attribute: a double model computes with the slope rounded to float.
            case Activation.LeakyReLU: AddNode("LeakyRelu", layer.Name + "/LeakyRelu", [z], a, FloatAttribute("alpha", (float)layer.Slope)); break;
            case Activation.Softplus: AddNode("Softplus", layer.Name + "/Softplus", [z], a); break;
            case Activation.Softmax: AddNode("Softmax", layer.Name + "/Softmax", [z], a, IntAttribute("axis", -1)); break;
            default:
                throw new NotSupportedException(string.Create(CultureInfo.InvariantCulture,
                    $"Layer '{layer.Name}' has activation {layer.Activation}, which has no ONNX export yet."));
        }
    }

    /// <summary>An element-wise sum a = Σ_s a(s): a chain of <c>Add</c> nodes, ((s0 + s1) + s2) + ...; one source is an <c>Identity</c>.</summary>
    private void AddSum(LayerSpec layer)
    {
        string a = _valueOf[layer.Name];
        if (layer.Sources.Count == 1)
        {
            AddNode("Identity", layer.Name + "/Identity", [_valueOf[layer.Sources[0]]], a);
            return;
        }
        string sum = _valueOf[layer.Sources[0]];
        for (int i = 1; i < layer.Sources.Count; i++)
        {
            string suffix = i.ToString(CultureInfo.InvariantCulture);
            string result = i == layer.Sources.Count - 1 ? a : _values.Take(layer.Name + "/sum" + suffix);
            sum = AddNode("Add", layer.Name + "/Add" + suffix, [sum, _valueOf[layer.Sources[i]]], result);
        }
    }

    /// <summary>Adds a node of the default domain and returns the name of its one output.</summary>
    private string AddNode(string opType, string name, IEnumerable<string> inputs, string output, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = _nodes.Take(name) };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return output;
    }

    private static AttributeProto IntAttribute(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    private static AttributeProto IntsAttribute(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    private static AttributeProto FloatAttribute(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    /// <summary>A value of type tensor(T): [batch, size] for a vector, [batch, channels, height, width] for an image.</summary>
    private ValueInfoProto TensorValue(string name, Shape shape)
    {
        var dimensions = new TensorShapeProto();
        dimensions.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = Onnx.BatchDimension });
        long[] sizes = shape.IsImage ? [shape.Channels, shape.Height, shape.Width] : [shape.Size];
        foreach (long size in sizes) dimensions.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = size });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = _elementType, Shape = dimensions } },
        };
    }

    /// <summary>An initializer holding the parameters of <paramref name="tensor"/>, little-endian in raw_data.</summary>
    private TensorProto Initializer(string name, TensorInfo tensor)
    {
        var proto = new TensorProto { Name = name, DataType = _elementType };
        foreach (int d in tensor.Shape) proto.Dims.Add(d);
        ReadOnlySpan<T> values = _parameters.AsSpan(tensor.ParameterOffset, tensor.ElementCount);
        if (BitConverter.IsLittleEndian)
        {
            proto.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values));
        }
        else
        {
            byte[] bytes = MemoryMarshal.AsBytes(values).ToArray();
            int size = bytes.Length / values.Length;
            for (int i = 0; i < bytes.Length; i += size) bytes.AsSpan(i, size).Reverse();
            proto.RawData = ByteString.CopyFrom(bytes);
        }
        return proto;
    }
}
