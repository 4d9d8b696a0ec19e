using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using NetGen.IO;
using Xunit;

namespace NetGen.Tests.IO;

/// <summary>The 784-16-16-10 network of the backpropagation lessons, compiled by the generator.</summary>
[Network(Inputs = 784, Loss = Loss.SquaredError)]
[Dense(16, Activation.Sigmoid)]
[Dense(16, Activation.Sigmoid)]
[Dense(10, Activation.Sigmoid)]
public partial class DigitsNet { }

/// <summary>A small double-precision network with an Identity layer, which is no PyTorch module of its own.</summary>
[Network(Inputs = 3, Loss = Loss.SquaredError, Precision = Precision.Double)]
[Dense(4, Activation.Identity)]
[Dense(2, Activation.Tanh)]
public partial class SmallDoubleNet { }

/// <summary>2-3-1 sigmoid, the XOR network.</summary>
[Network(Inputs = 2, Loss = Loss.SquaredError)]
[Dense(3, Activation.Sigmoid)]
[Dense(1, Activation.Sigmoid)]
public partial class TinyNet { }

public sealed class SafetensorsTests : IDisposable
{
    private readonly ScratchFolder _scratch = TestFiles.Scratch();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void Sequential_names_follow_the_PyTorch_state_dict()
    {
        var tensors = Safetensors.TensorsOf(DigitsNet.Spec);

        Assert.Equal(new[] { "0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias" }, tensors.Select(t => t.Name));
        Assert.Equal(new[] { "[16,784]", "[16]", "[16,16]", "[16]", "[10,16]", "[10]" }, tensors.Select(t => "[" + string.Join(",", t.Shape) + "]"));
        Assert.Equal(new[] { 0, 12544, 12560, 12816, 12832, 12992 }, tensors.Select(t => t.ParameterOffset));
        Assert.Equal(DigitsNet.Spec.ParameterCount, tensors.Sum(t => t.ElementCount));
    }

    [Fact]
    public void Identity_layers_are_not_modules_and_graphs_use_layer_names()
    {
        Assert.Equal(new[] { "0.weight", "0.bias", "1.weight", "1.bias" }, Safetensors.TensorsOf(SmallDoubleNet.Spec).Select(t => t.Name));

        var graph = new NetworkSpec(
            [new InputSpec("image", 4), new InputSpec("extra", 2)],
            [new LayerSpec("hidden", LayerKind.Dense, 3, Activation.Tanh, ["image", "extra"]), new LayerSpec("head", LayerKind.Dense, 2, Activation.Sigmoid, ["hidden"])],
            [new OutputSpec("head", Loss.SquaredError)]);
        var tensors = Safetensors.TensorsOf(graph);
        Assert.Equal(new[] { "hidden.weight", "hidden.bias", "head.weight", "head.bias" }, tensors.Select(t => t.Name));
        Assert.Equal(new[] { 3, 6 }, tensors[0].Shape);
    }

    [Fact]
    public void Round_trip_restores_identical_parameters_and_predictions()
    {
        var saved = new DigitsNet();
        saved.InitializeParameters(seed: 7);
        saved.Parameters[12992] = 0.25f; // a non-zero bias, so biases are checked too
        string path = _scratch.File("digits.safetensors");

        Safetensors.Save(saved, path, new Dictionary<string, string> { ["epochs"] = "3" });
        var loaded = new DigitsNet();
        loaded.InitializeParameters(seed: 8);
        Assert.False(saved.Parameters.SequenceEqual(loaded.Parameters));
        IReadOnlyDictionary<string, string> metadata = Safetensors.Load(loaded, path);

        Assert.True(saved.Parameters.SequenceEqual(loaded.Parameters));
        Assert.Equal("pt", metadata["format"]);
        Assert.Equal("3", metadata["epochs"]);
        Assert.Equal(DigitsNet.Spec.ToString(), metadata["netgen.spec"]);
        var input = new float[784];
        for (int i = 0; i < input.Length; i++) input[i] = (i * 37 % 255) / 255f;
        float[] a = new float[10], b = new float[10];
        saved.Forward(input, a);
        loaded.Forward(input, b);
        Assert.Equal(a, b);
        Assert.Equal(8 + HeaderLength(path) + 4L * DigitsNet.Spec.ParameterCount, new FileInfo(path).Length);
        Assert.Single(Directory.GetFiles(_scratch.Path));
    }

    [Fact]
    public void A_network_with_a_skip_connection_round_trips_and_its_sum_has_no_tensor()
    {
        var saved = new NetGen.Tests.Generated.SkipD();
        NetGen.Tests.Generated.Cases.Randomize(new Random(4), saved);
        string path = _scratch.File("skip.safetensors");

        Safetensors.Save(saved, path);
        var loaded = new NetGen.Tests.Generated.SkipD();
        Safetensors.Load(loaded, path);

        Assert.True(saved.Parameters.SequenceEqual(loaded.Parameters));
        Assert.Equal(["h1.weight", "h1.bias", "h2.weight", "h2.bias", "out.weight", "out.bias"],
            Safetensors.TensorsOf(NetGen.Tests.Generated.SkipD.Spec).Select(t => t.Name));
    }

    [Fact]
    public void Round_trip_in_double_precision_writes_F64()
    {
        var saved = new SmallDoubleNet();
        saved.InitializeParameters(seed: 3);
        string path = _scratch.File("small.safetensors");
        Safetensors.Save(saved, path);

        using (JsonDocument header = ReadHeader(path))
        {
            JsonElement weight = header.RootElement.GetProperty("1.weight");
            Assert.Equal("F64", weight.GetProperty("dtype").GetString());
            Assert.Equal(new[] { 2, 4 }, weight.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
            Assert.Equal(new long[] { 128, 192 }, weight.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()));
        }
        var loaded = new SmallDoubleNet();
        Safetensors.Load(loaded, path);
        Assert.True(saved.Parameters.SequenceEqual(loaded.Parameters));
    }

    [Fact]
    public void Saved_file_follows_the_format_byte_for_byte()
    {
        var network = new TinyNet();
        float[] parameters = [0.5f, -1.25f, 2f, 3f, -4f, 0.125f, 1f, 2f, 3f, 7f, 8f, 9f, -0.5f];
        parameters.CopyTo(network.Parameters);
        string path = _scratch.File("tiny.safetensors");

        Safetensors.Save(network, path);

        byte[] bytes = File.ReadAllBytes(path);
        long n = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0, n % 8);
        string json = Encoding.UTF8.GetString(bytes, 8, (int)n);
        Assert.StartsWith("{\"__metadata__\":{\"format\":\"pt\",", json);
        Assert.Contains("\"0.weight\":{\"dtype\":\"F32\",\"shape\":[3,2],\"data_offsets\":[0,24]}", json);
        Assert.Contains("\"0.bias\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[24,36]}", json);
        Assert.Contains("\"2.weight\":{\"dtype\":\"F32\",\"shape\":[1,3],\"data_offsets\":[36,48]}", json);
        Assert.EndsWith("\"2.bias\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[48,52]}}", json.TrimEnd(' '));
        Assert.Equal(8 + n + 52, bytes.Length);
        float[] data = Enumerable.Range(0, 13).Select(i => BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan((int)(8 + n + 4 * i)))).ToArray();
        Assert.Equal(parameters, data);
    }

    [Fact]
    public void Hand_built_file_from_the_format_specification_loads()
    {
        // Written from the specification alone: tensors in another order than the network's, data in yet another order,
        // no metadata, no padding.
        string header = """
            {"2.bias":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},
             "0.weight":{"data_offsets":[4,28],"shape":[3,2],"dtype":"F32"},
             "2.weight":{"dtype":"F32","shape":[1,3],"data_offsets":[28,40]},
             "0.bias":{"dtype":"F32","shape":[3],"data_offsets":[40,52]}}
            """;
        float[] data = [-0.5f, /* 0.weight */ 1f, 2f, 3f, 4f, 5f, 6f, /* 2.weight */ 0.25f, 0.5f, 0.75f, /* 0.bias */ -1f, 0f, 1f];
        string path = WriteFile("hand.safetensors", header, data);
        var network = new TinyNet();

        IReadOnlyDictionary<string, string> metadata = Safetensors.Load(network, path);

        Assert.Empty(metadata);
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6, -1, 0, 1, 0.25f, 0.5f, 0.75f, -0.5f }, network.Parameters.ToArray());
        // Hand computation for x = (1, -1): z1 = (1-2-1, 3-4+0, 5-6+1) = (-2, -1, 0)
        float[] output = new float[1];
        network.Forward([1f, -1f], output);
        double a1 = 1 / (1 + Math.Exp(2)), a2 = 1 / (1 + Math.Exp(1)), a3 = 0.5;
        double expected = 1 / (1 + Math.Exp(-(0.25 * a1 + 0.5 * a2 + 0.75 * a3 - 0.5)));
        Assert.Equal(expected, output[0], 6);
    }

    [Fact]
    public void Malformed_header_json_is_refused_and_the_network_kept()
    {
        string path = WriteFile("bad.safetensors", "{\"0.weight\": {\"dtype\": \"F32\", ", new float[13]);
        var e = AssertUnchanged<System.IO.InvalidDataException>(path);
        Assert.StartsWith($"'{path}': the header is not valid JSON", e.Message);
        Assert.EndsWith("expected an object of tensors.", e.Message);
    }

    [Fact]
    public void Header_that_is_not_an_object_or_lacks_fields_is_refused()
    {
        Assert.Contains("the header is a JSON array; expected an object of tensors",
            AssertUnchanged<InvalidDataException>(WriteFile("array.safetensors", "[1,2]", [])).Message);
        string noOffsets = Valid().Replace(",\"data_offsets\":[48,52]", "");
        Assert.Contains("tensor '2.bias' has no data_offsets; expected an array [begin, end]",
            AssertUnchanged<InvalidDataException>(WriteFile("nooffsets.safetensors", noOffsets, Data())).Message);
        string negative = Valid().Replace("[48,52]", "[52,48]");
        Assert.Contains("tensor '2.bias' has data_offsets [52,48]; expected whole numbers 0 <= begin <= end",
            AssertUnchanged<InvalidDataException>(WriteFile("negative.safetensors", negative, Data())).Message);
        string metadata = Valid().Replace("{\"0.weight\"", "{\"__metadata__\":{\"epochs\":3},\"0.weight\"");
        Assert.Contains("'__metadata__.epochs' is a JSON number; expected a string",
            AssertUnchanged<InvalidDataException>(WriteFile("metadata.safetensors", metadata, Data())).Message);
    }

    [Fact]
    public void Header_length_beyond_the_file_is_refused()
    {
        string path = _scratch.File("long.safetensors");
        byte[] bytes = new byte[8 + 10];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, 1000);
        File.WriteAllBytes(path, bytes);

        var e = AssertUnchanged<InvalidDataException>(path);

        Assert.Equal($"'{path}': the header length is 1000 bytes, beyond the end of the file: expected at most 10 (the file has 18 bytes).", e.Message);

        string huge = _scratch.File("huge.safetensors");
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, ulong.MaxValue);
        File.WriteAllBytes(huge, bytes);
        Assert.Contains("the header length is 18446744073709551615 bytes; expected at most 100000000", AssertUnchanged<InvalidDataException>(huge).Message);

        string tiny = _scratch.File("tiny.safetensors");
        File.WriteAllBytes(tiny, [1, 2, 3]);
        Assert.Contains("the file has 3 byte(s); expected at least 8", AssertUnchanged<InvalidDataException>(tiny).Message);
    }

    [Fact]
    public void Wrong_shape_names_the_tensor_expected_and_actual()
    {
        string path = WriteFile("shape.safetensors", Valid().Replace("\"shape\":[3,2]", "\"shape\":[2,3]"), Data());
        var e = AssertUnchanged<ArgumentException>(path);
        Assert.Equal($"'{path}' does not fit the network: tensor '0.weight' has shape [2, 3]; expected [3, 2]. (Parameter 'network')", e.Message);
    }

    [Fact]
    public void Wrong_dtype_names_the_tensor_expected_and_actual()
    {
        string path = WriteFile("dtype.safetensors", Valid().Replace("{\"dtype\":\"F32\",\"shape\":[3]", "{\"dtype\":\"F64\",\"shape\":[3]"), Data());
        var e = AssertUnchanged<ArgumentException>(path);
        Assert.Contains("tensor '0.bias' has dtype F64; expected F32", e.Message);

        // A double network refuses a float file as a whole.
        var tiny = new TinyNet();
        string floats = _scratch.File("floats.safetensors");
        Safetensors.Save(tiny, floats);
        var wide = new SmallDoubleNet();
        Assert.Throws<ArgumentException>(() => Safetensors.Load(wide, floats));
    }

    [Fact]
    public void Missing_or_unexpected_tensor_is_refused()
    {
        string missing = Valid().Replace(",\"2.bias\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[48,52]}", "");
        Assert.Contains("tensor '2.bias' is missing; expected F32 [1]",
            AssertUnchanged<ArgumentException>(WriteFile("missing.safetensors", missing, Data())).Message);

        string extra = Valid().Replace("\"2.bias\"", "\"3.bias\"");
        Assert.Contains("tensor '3.bias' is not a parameter of this network; expected only '0.weight', '0.bias', '2.weight', '2.bias'",
            AssertUnchanged<ArgumentException>(WriteFile("extra.safetensors", extra, Data())).Message);
    }

    [Fact]
    public void Offsets_that_do_not_match_the_shape_are_refused()
    {
        string path = WriteFile("offsets.safetensors", Valid().Replace("[24,36]", "[24,32]"), Data());
        Assert.Contains("tensor '0.bias' has data_offsets [24, 32], 8 bytes; expected 12 (3 × 4-byte F32)", AssertUnchanged<InvalidDataException>(path).Message);
    }

    [Fact]
    public void Truncated_data_is_refused()
    {
        string path = WriteFile("cut.safetensors", Valid(), Data()[..12]);
        var e = AssertUnchanged<InvalidDataException>(path);
        Assert.Equal($"'{path}': truncated data: tensor '2.bias' ends at byte 52 of the data; the data has 48 bytes.", e.Message);

        // A file cut in the middle of a real save.
        var network = new DigitsNet();
        string saved = _scratch.File("digits.safetensors");
        Safetensors.Save(network, saved);
        byte[] bytes = File.ReadAllBytes(saved);
        string cut = _scratch.File("digits-cut.safetensors");
        File.WriteAllBytes(cut, bytes[..(bytes.Length - 100)]);
        var other = new DigitsNet();
        other.InitializeParameters(5);
        float[] before = other.Parameters.ToArray();
        Assert.Contains("truncated data: tensor '4.weight' ends at byte 51968 of the data; the data has 51908 bytes", Assert.Throws<InvalidDataException>(() => Safetensors.Load(other, cut)).Message);
        Assert.Equal(before, other.Parameters.ToArray());
    }

    [Fact]
    public void A_failed_save_leaves_the_existing_file_intact()
    {
        var good = new DigitsNet();
        good.InitializeParameters(1);
        string path = _scratch.File("weights.safetensors");
        Safetensors.Save(good, path);
        byte[] before = File.ReadAllBytes(path);

        var failing = new FailingNetwork(new DigitsNet(), failOnParametersCall: 4);
        var e = Assert.Throws<IOException>(() => Safetensors.Save(failing, path));

        Assert.Equal("simulated failure while reading the parameters", e.Message);
        Assert.True(failing.ParametersCalls >= 4);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(new[] { path }, Directory.GetFiles(_scratch.Path));
    }

    [Fact]
    public void Save_replaces_an_existing_file_and_leaves_no_temporary_file()
    {
        string path = _scratch.File("weights.safetensors");
        File.WriteAllText(path, "old contents");
        var network = new TinyNet();
        network.InitializeParameters(9);

        Safetensors.Save(network, path);

        var loaded = new TinyNet();
        Safetensors.Load(loaded, path);
        Assert.Equal(network.Parameters.ToArray(), loaded.Parameters.ToArray());
        Assert.Equal(new[] { path }, Directory.GetFiles(_scratch.Path));
    }

    // The header Save writes for TinyNet, without metadata.
    private static string Valid() =>
        "{\"0.weight\":{\"dtype\":\"F32\",\"shape\":[3,2],\"data_offsets\":[0,24]}," +
        "\"0.bias\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[24,36]}," +
        "\"2.weight\":{\"dtype\":\"F32\",\"shape\":[1,3],\"data_offsets\":[36,48]}," +
        "\"2.bias\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[48,52]}}";

    private static float[] Data() => Enumerable.Range(1, 13).Select(i => i / 8f).ToArray();

    /// <summary>Loads <paramref name="path"/> into a seeded TinyNet, expects <typeparamref name="TException"/> and checks that no parameter moved.</summary>
    private static TException AssertUnchanged<TException>(string path) where TException : Exception
    {
        var network = new TinyNet();
        network.InitializeParameters(11);
        float[] before = network.Parameters.ToArray();
        var e = Assert.Throws<TException>(() => Safetensors.Load(network, path));
        Assert.Equal(before, network.Parameters.ToArray());
        return e;
    }

    private string WriteFile(string name, string header, float[] data)
    {
        byte[] json = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + 4 * data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)json.Length);
        json.CopyTo(bytes, 8);
        for (int i = 0; i < data.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(8 + json.Length + 4 * i), data[i]);
        string path = _scratch.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static long HeaderLength(string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> length = stackalloc byte[8];
        file.ReadExactly(length);
        return (long)BinaryPrimitives.ReadUInt64LittleEndian(length);
    }

    private static JsonDocument ReadHeader(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        int n = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        return JsonDocument.Parse(bytes.AsMemory(8, n));
    }

    /// <summary>A network whose Parameters getter fails on its n-th call, as a disk or process failure would mid-save.</summary>
    private sealed class FailingNetwork(INetwork<float> inner, int failOnParametersCall) : INetwork<float>
    {
        public int ParametersCalls { get; private set; }
        public NetworkSpec Spec => inner.Spec;
        public int InputCount => inner.InputCount;
        public int OutputCount => inner.OutputCount;
        public int ParameterCount => inner.ParameterCount;
        public Span<float> Parameters =>
            ++ParametersCalls >= failOnParametersCall ? throw new IOException("simulated failure while reading the parameters") : inner.Parameters;
        public void InitializeParameters(int seed) => inner.InitializeParameters(seed);
        public void Forward(ReadOnlySpan<float> input, Span<float> output) => inner.Forward(input, output);
        public float Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> gradient) => inner.Backward(input, target, gradient);
        public void Step(ReadOnlySpan<float> gradient, float learningRate) => inner.Step(gradient, learningRate);
        public float TrainBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, float learningRate) => inner.TrainBatch(inputs, targets, learningRate);
    }
}
