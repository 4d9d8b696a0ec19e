using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using System.Text;
using NetGen.IO;
using NetGen.Tests.Runtime;
using Xunit;

namespace NetGen.Tests.IO;

/// <summary>
/// Safetensors of convolutional networks: the names of the nn.Sequential a PyTorch user would write (conv modules, their
/// activations, pooling and Flatten modules), 4-D convolution weights, and a file built by hand from the format's
/// specification that Save must write byte for byte and Load must read back.
/// </summary>
public sealed class ConvSafetensorsTests : IDisposable
{
    private readonly ScratchFolder _scratch = TestFiles.Scratch();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void LeNet_is_named_as_its_nn_Sequential()
    {
        // nn.Sequential(Conv2d(1, 8, 5, padding=2), ReLU(), MaxPool2d(2), Conv2d(8, 16, 5), ReLU(), MaxPool2d(2), Flatten(),
        //               Linear(400, 10), Softmax): modules 0, 3 and 7 hold the parameters.
        var tensors = Safetensors.TensorsOf(ConvNetworks.LeNet());
        Assert.Equal(["0.weight", "0.bias", "3.weight", "3.bias", "7.weight", "7.bias"], tensors.Select(t => t.Name));
        Assert.Equal(["[8,1,5,5]", "[8]", "[16,8,5,5]", "[16]", "[10,400]", "[10]"], tensors.Select(t => "[" + string.Join(",", t.Shape) + "]"));
        Assert.Equal(new[] { 0, 200, 208, 3408, 3424, 7424 }, tensors.Select(t => t.ParameterOffset));
    }

    [Fact]
    public void Global_pooling_flatten_and_graphs_of_convolutions()
    {
        // Conv2d, Tanh, AdaptiveAvgPool2d(1), Flatten, Linear.
        Assert.Equal(["0.weight", "0.bias", "4.weight", "4.bias"],
            Safetensors.TensorsOf(ConvNetworks.Small["global average pooling, softmax"]()).Select(t => t.Name));
        // Conv2d, Tanh, Flatten, Linear (an Identity dense layer is no module of its own).
        var kernel1 = Safetensors.TensorsOf(ConvNetworks.Small["kernel 1, two channels, then dense"]());
        Assert.Equal(["0.weight", "0.bias", "3.weight", "3.bias"], kernel1.Select(t => t.Name));
        Assert.Equal(new[] { "3,2,1,1", "3", "2,60", "2" }, kernel1.Select(t => string.Join(",", t.Shape)));
        // A conv with an Identity activation is followed directly by its pooling: Conv2d, AvgPool2d, Flatten, Linear, Tanh.
        Assert.Equal(["0.weight", "0.bias", "3.weight", "3.bias"],
            Safetensors.TensorsOf(ConvNetworks.Small["overlapping average pooling 3, stride 1"]()).Select(t => t.Name));

        // A graph: {layer}.weight with the 4-D shape; c3 reads 2 + 3 + 1 channels.
        var graph = Safetensors.TensorsOf(ConvNetworks.Small["channel concatenation of two convolutions and the input"]());
        Assert.Equal(["c1.weight", "c1.bias", "c2.weight", "c2.bias", "c3.weight", "c3.bias", "out.weight", "out.bias"], graph.Select(t => t.Name));
        Assert.Equal(new[] { 2, 6, 3, 3 }, graph[4].Shape);
        Assert.Equal(new[] { 3, 8 }, graph[6].Shape);
    }

    [Fact]
    public void Save_writes_the_hand_built_LeNet_file_and_Load_reads_it_back()
    {
        var network = new ReferenceNetwork<float>(ConvNetworks.LeNet());
        var random = new Random(3);
        for (int i = 0; i < network.ParameterCount; i++) network.Parameters[i] = (float)(random.NextDouble() - 0.5);

        // The file by the specification: 8 bytes of little-endian header length N, N bytes of JSON (the metadata first,
        // then each tensor in the network's order with dtype, shape and data_offsets into the data), padded with spaces to
        // a multiple of 8, then the tensors' little-endian data back to back. System.Text.Json writes '>' as \u003E, which
        // JSON allows.
        string spec = "input[1x28x28] -\\u003E layer1 = Conv(8, 5x5, stride 1, padding 2, ReLU): 8x28x28" +
            " -\\u003E layer2 = MaxPool(2x2, stride 2): 8x14x14 -\\u003E layer3 = Conv(16, 5x5, stride 1, padding 0, ReLU): 16x10x10" +
            " -\\u003E layer4 = MaxPool(2x2, stride 2): 16x5x5 -\\u003E layer5 = Dense(10, Softmax); cost CrossEntropy(layer5); 7434 parameters";
        string json = "{\"__metadata__\":{\"format\":\"pt\",\"netgen.spec\":\"" + spec + "\"}," +
            "\"0.weight\":{\"dtype\":\"F32\",\"shape\":[8,1,5,5],\"data_offsets\":[0,800]}," +
            "\"0.bias\":{\"dtype\":\"F32\",\"shape\":[8],\"data_offsets\":[800,832]}," +
            "\"3.weight\":{\"dtype\":\"F32\",\"shape\":[16,8,5,5],\"data_offsets\":[832,13632]}," +
            "\"3.bias\":{\"dtype\":\"F32\",\"shape\":[16],\"data_offsets\":[13632,13696]}," +
            "\"7.weight\":{\"dtype\":\"F32\",\"shape\":[10,400],\"data_offsets\":[13696,29696]}," +
            "\"7.bias\":{\"dtype\":\"F32\",\"shape\":[10],\"data_offsets\":[29696,29736]}}";
        byte[] header = Encoding.UTF8.GetBytes(json.PadRight((json.Length + 7) / 8 * 8));
        var expected = new byte[8 + header.Length + 4 * 7434];
        BinaryPrimitives.WriteUInt64LittleEndian(expected, (ulong)header.Length);
        header.CopyTo(expected, 8);
        // The parameter vector is laid out exactly as the tensors: conv1 weights [o][c][i][j], its biases, conv2, dense.
        for (int i = 0; i < 7434; i++)
            BinaryPrimitives.WriteSingleLittleEndian(expected.AsSpan(8 + header.Length + 4 * i), network.Parameters[i]);

        string saved = _scratch.File("lenet.safetensors");
        Safetensors.Save(network, saved);
        Assert.Equal(expected, File.ReadAllBytes(saved));

        string handBuilt = _scratch.File("hand.safetensors");
        File.WriteAllBytes(handBuilt, expected);
        var loaded = new ReferenceNetwork<float>(ConvNetworks.LeNet(), seed: 9);
        Assert.False(loaded.Parameters.SequenceEqual(network.Parameters));
        Safetensors.Load(loaded, handBuilt);
        Assert.True(loaded.Parameters.SequenceEqual(network.Parameters));
        float[] image = Enumerable.Range(0, 784).Select(i => (i * 37 % 255) / 255f).ToArray();
        float[] a = new float[10], b = new float[10];
        network.Forward(image, a);
        loaded.Forward(image, b);
        Assert.Equal(a, b);

        // Load accepts exactly the 4-D shape: the same numbers as a flattened [8, 25] weight are refused, the network kept.
        string flat = _scratch.File("flat.safetensors");
        File.WriteAllBytes(flat, [.. expected.Take(8), .. Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(header).Replace("[8,1,5,5]", "[8,25]   ", StringComparison.Ordinal)), .. expected.Skip(8 + header.Length)]);
        var refused = new ReferenceNetwork<float>(ConvNetworks.LeNet(), seed: 9);
        float[] before = refused.Parameters.ToArray();
        var error = Assert.Throws<ArgumentException>(() => Safetensors.Load(refused, flat));
        Assert.Contains("tensor '0.weight' has shape [8, 25]; expected [8, 1, 5, 5]", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, refused.Parameters.ToArray());
    }
}
