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
/// its nodes in exactly one method (<see cref="AddDense"/>, <see cref="AddSum"/>), chosen by the switch in
/// <see cref="AddLayer"/>: a new kind of layer (Conv, MaxPool, Flatten, ...) is one new case and one new method.
/// </summary>
/// <remarks>
/// Every value is a 2-D tensor [batch, size]: the first dimension is the symbolic <see cref="Onnx.BatchDimension"/>,
/// so one model serves any number of rows. The value a layer produces carries the layer's name (an input's value the
/// input's name); the exporter's own intermediate values are named after their layer with a suffix
/// (<c>{layer}/concat</c>, <c>{layer}/z</c>, <c>{layer}/sum1</c>) and <see cref="OnnxNames"/> keeps every name unique.
/// </remarks>
internal sealed class OnnxGraphBuilder<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The slope of <see cref="Activation.LeakyReLU"/> below zero (ONNX's LeakyRelu alpha is a float attribute).</summary>
    private const float LeakySlope = 0.01f;

    private readonly NetworkSpec _spec;
    private readonly T[] _parameters;
    private readonly int _elementType;
    private readonly GraphProto _graph = new();
    private readonly OnnxNames _values = new();
    private readonly OnnxNames _nodes = new();
    /// <summary>The ONNX value of each input and layer of the spec, by the spec's name.</summary>
    private readonly Dictionary<string, string> _valueOf = new(StringComparer.Ordinal);
    /// <summary>The initializer names of each dense layer, by layer index.</summary>
    private readonly Dictionary<int, (string Weight, string Bias)> _initializerOf = new();

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
            _graph.Input.Add(TensorValue(input.Name, input.Size));
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
            _graph.Output.Add(TensorValue(outputNames[o], _spec.SizeOf(source)));
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
            default:
                throw new NotSupportedException(string.Create(CultureInfo.InvariantCulture,
                    $"Layer '{layer.Name}' is of kind {layer.Kind}, which has no ONNX export yet."));
        }
    }

    /// <summary>
    /// A dense layer, z = W·x + b then a = σ(z): <c>Concat(axis = 1)</c> of its sources when it has several (in the
    /// spec's order), <c>Gemm(x, W, b)</c> with transB = 1 (W is stored [size, fan-in], PyTorch's layout), then the
    /// activation's node; Identity adds none, the Gemm's output is the layer's value.
    /// </summary>
    private void AddDense(int index, LayerSpec layer)
    {
        string x = layer.Sources.Count == 1
            ? _valueOf[layer.Sources[0]]
            : AddNode("Concat", layer.Name + "/Concat", layer.Sources.Select(s => _valueOf[s]), _values.Take(layer.Name + "/concat"),
                IntAttribute("axis", 1));
        (string weight, string bias) = _initializerOf[index];
        string a = _valueOf[layer.Name];
        if (layer.Activation == Activation.Identity)
        {
            AddNode("Gemm", layer.Name + "/Gemm", [x, weight, bias], a, IntAttribute("transB", 1));
            return;
        }
        string z = AddNode("Gemm", layer.Name + "/Gemm", [x, weight, bias], _values.Take(layer.Name + "/z"), IntAttribute("transB", 1));
        switch (layer.Activation)
        {
            case Activation.Sigmoid: AddNode("Sigmoid", layer.Name + "/Sigmoid", [z], a); break;
            case Activation.Tanh: AddNode("Tanh", layer.Name + "/Tanh", [z], a); break;
            case Activation.ReLU: AddNode("Relu", layer.Name + "/Relu", [z], a); break;
            case Activation.LeakyReLU: AddNode("LeakyRelu", layer.Name + "/LeakyRelu", [z], a, FloatAttribute("alpha", LeakySlope)); break;
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

    private static AttributeProto FloatAttribute(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    /// <summary>A value of type tensor(T) and shape [batch, <paramref name="size"/>].</summary>
    private ValueInfoProto TensorValue(string name, int size)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = Onnx.BatchDimension });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = size });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = _elementType, Shape = shape } },
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
