using System;
using System.IO;
using Xunit;

namespace NetGen.OnnxTests;

/// <summary>Saving to a file: through a temporary file renamed over the target; failures name the target and leave what was there.</summary>
public sealed class SaveTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "netgen-onnx-tests-" + Guid.NewGuid().ToString("N"));

    public SaveTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void Save_writes_the_model_and_leaves_no_temporary_file()
    {
        var network = new TwoInputsF();
        string path = Path.Combine(_folder, "two inputs.onnx");

        Onnx.Save(network, path);

        Assert.Equal(Onnx.ToBytes(network), File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public void Save_replaces_an_existing_file()
    {
        var network = new Sigmoid2_4_1F();
        string path = Path.Combine(_folder, "model.onnx");
        File.WriteAllText(path, "an older model");

        Onnx.Save(network, path);

        Assert.Equal(Onnx.ToBytes(network), File.ReadAllBytes(path));
        Assert.Single(Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public void A_target_that_is_a_folder_fails_the_rename_naming_it_and_the_temporary_file_is_deleted()
    {
        string path = Path.Combine(_folder, "model.onnx");
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "inside.txt"), "kept");

        var e = Assert.Throws<IOException>(() => Onnx.Save(new Sigmoid2_4_1F(), path));

        Assert.Equal($"Could not save the ONNX model to '{path}': it is a folder; expected the path of a file.", e.Message);
        Assert.NotNull(e.InnerException);   // the rename's own failure: the model was written, then could not take the name
        Assert.Equal("kept", File.ReadAllText(Path.Combine(path, "inside.txt")));
        Assert.Equal([path], Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public void A_missing_folder_is_refused_naming_the_target()
    {
        string path = Path.Combine(_folder, "no such folder", "model.onnx");

        var e = Assert.Throws<DirectoryNotFoundException>(() => Onnx.Save(new Sigmoid2_4_1F(), path));

        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public void A_network_that_cannot_be_exported_leaves_the_existing_file_untouched()
    {
        string path = Path.Combine(_folder, "model.onnx");
        File.WriteAllText(path, "the good model");

        var e = Assert.Throws<ArgumentException>(() => Onnx.Save(new ShortParameters(), path));

        Assert.Contains("network.Parameters", e.Message, StringComparison.Ordinal);
        Assert.Equal("the good model", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public void A_file_name_near_the_file_system_limit_still_saves()
    {
        // The temporary file's name adds a prefix and a suffix to the target's: it must not exceed the 255-byte limit.
        string path = Path.Combine(_folder, new string('m', 245) + ".onnx");

        Onnx.Save(new Sigmoid2_4_1F(), path);

        Assert.Equal([path], Directory.GetFileSystemEntries(_folder));
    }

    /// <summary>A network whose parameter vector is one element short of what its spec says.</summary>
    private sealed class ShortParameters : INetwork<float>
    {
        private readonly float[] _parameters = new float[Sigmoid2_4_1F.ParameterCount - 1];
        public NetworkSpec Spec => Sigmoid2_4_1F.Spec;
        public int InputCount => Spec.InputCount;
        public int OutputCount => Spec.OutputCount;
        public int ParameterCount => Spec.ParameterCount;
        public Span<float> Parameters => _parameters;
        public void InitializeParameters(int seed) { }
        public void Forward(ReadOnlySpan<float> input, Span<float> output) => throw new NotSupportedException();
        public float Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> gradient) => throw new NotSupportedException();
        public void Step(ReadOnlySpan<float> gradient, float learningRate) => throw new NotSupportedException();
        public float TrainBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, float learningRate) => throw new NotSupportedException();
    }
}
