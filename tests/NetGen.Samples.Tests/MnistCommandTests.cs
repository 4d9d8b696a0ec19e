using System;
using System.Buffers.Binary;
using System.IO;
using NetGen.IO;
using NetGen.Samples.Mnist;
using Xunit;

namespace NetGen.Samples.Tests;

/// <summary>
/// The MNIST sample's command line: every user error is one <c>error:</c> line on standard error and exit code 1, with
/// no stack trace, and a run that diverges writes no weights.
/// </summary>
public sealed class MnistCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "netgen-mnist-tests-" + Guid.NewGuid().ToString("N"));

    public MnistCommandTests()
    {
        Directory.CreateDirectory(_folder);
        // 60 training and 20 test digits from the shipped data, as plain IDX files: a run of one epoch takes milliseconds.
        WriteSubset(ShippedData("train-images-idx3-ubyte.gz"), ShippedData("train-labels-idx1-ubyte.gz"), 60, "train");
        WriteSubset(ShippedData("test-images-idx3-ubyte.gz"), ShippedData("test-labels-idx1-ubyte.gz"), 20, "test");
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private string File(string name) => Path.Combine(_folder, name);

    private string[] Data => ["--train-images", File("train-images"), "--train-labels", File("train-labels"),
        "--test-images", File("test-images"), "--test-labels", File("test-labels"), "--progress", "Quiet"];

    /// <summary><see cref="Data"/> with one of its options given another value.</summary>
    private string[] DataWith(string option, string value)
    {
        string[] data = Data;
        data[Array.IndexOf(data, option) + 1] = value;
        return data;
    }

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = MnistCommand.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Asserts exit code 1 and exactly one line on standard error, <c>error: …</c>, containing every fragment.</summary>
    private static string AssertOneErrorLine((int Code, string Out, string Err) result, params string[] fragments)
    {
        Assert.Equal(1, result.Code);
        string[] lines = result.Err.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        string line = Assert.Single(lines);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", line, StringComparison.Ordinal);
        foreach (string fragment in fragments) Assert.Contains(fragment, line, StringComparison.Ordinal);
        return line;
    }

    [Fact]
    public void A_non_numeric_epoch_count_is_one_error_line()
    {
        string line = AssertOneErrorLine(Run("train", "--epochs", "abc"));
        Assert.Equal("error: --epochs is 'abc'; expected a whole number of 1 or more.", line);
    }

    [Theory]
    [InlineData("--epochs", "0", "error: --epochs is 0; expected 1 or more.")]
    [InlineData("--batch-size", "-3", "error: --batch-size is -3; expected 1 or more.")]
    [InlineData("--batch-size", "2.5", "error: --batch-size is '2.5'; expected a whole number of 1 or more.")]
    [InlineData("--learning-rate", "fast", "error: --learning-rate is 'fast'; expected a positive, finite number such as 0.5.")]
    [InlineData("--learning-rate", "-1", "error: --learning-rate is -1; expected a positive, finite number.")]
    [InlineData("--learning-rate", "NaN", "error: --learning-rate is NaN; expected a positive, finite number.")]
    [InlineData("--seed", "x", "error: --seed is 'x'; expected a whole number.")]
    public void Option_values_out_of_range_are_one_error_line(string option, string value, string expected)
    {
        Assert.Equal(expected, AssertOneErrorLine(Run("train", option, value)));
    }

    [Fact]
    public void An_unknown_option_or_model_or_a_missing_required_option_is_one_error_line()
    {
        Assert.Equal("error: Unrecognized command or argument '--foo'.", AssertOneErrorLine(Run("train", "--foo")));
        AssertOneErrorLine(Run("train", "--model", "nope"), "'nope'", "sigmoid", "softmax");
        AssertOneErrorLine(Run("train", "--progress", "Bogus"), "'Bogus'", "--progress");
        Assert.Equal("error: Option '--weights' is required.", AssertOneErrorLine(Run("evaluate")));
        AssertOneErrorLine(Run("nonsense"), "'nonsense'");
    }

    [Fact]
    public void A_missing_weights_file_is_one_error_line()
    {
        string missing = File("missing.safetensors");
        AssertOneErrorLine(Run("evaluate", "--weights", missing, "--images", File("test-images"), "--labels", File("test-labels")), missing);
    }

    [Fact]
    public void A_truncated_weights_file_is_one_error_line()
    {
        string weights = File("weights.safetensors");
        Assert.Equal(0, Run(["train", "--epochs", "1", "--out", weights, "--plot", File("plot.png"), .. Data]).Code);
        byte[] bytes = System.IO.File.ReadAllBytes(weights);
        string cut = File("cut.safetensors");
        System.IO.File.WriteAllBytes(cut, bytes[..(bytes.Length / 2)]);

        AssertOneErrorLine(Run("evaluate", "--weights", cut, "--images", File("test-images"), "--labels", File("test-labels")), cut, "truncated");
        AssertOneErrorLine(Run("evaluate", "--weights", cut, "--model", "sigmoid", "--images", File("test-images"), "--labels", File("test-labels")), cut);
        string garbage = File("garbage.safetensors");
        System.IO.File.WriteAllBytes(garbage, [9, 0, 0, 0, 0, 0, 0, 0, (byte)'{', (byte)'"', (byte)'x', 0xFF, 0xFE, (byte)'}', 0, 0, 0]);
        AssertOneErrorLine(Run("evaluate", "--weights", garbage, "--images", File("test-images"), "--labels", File("test-labels")), garbage, "UTF-8");

        // The intact file still evaluates.
        var good = Run("evaluate", "--weights", weights, "--images", File("test-images"), "--labels", File("test-labels"));
        Assert.Equal((0, ""), (good.Code, good.Err));
        Assert.StartsWith("accuracy: ", good.Out, StringComparison.Ordinal);
        Assert.Contains("/20)", good.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupt_or_missing_IDX_file_is_one_error_line()
    {
        byte[] images = System.IO.File.ReadAllBytes(File("train-images"));
        string cut = File("cut-images");
        System.IO.File.WriteAllBytes(cut, images[..1000]);
        string[] args = ["train", "--epochs", "1", "--out", File("w.safetensors"), "--plot", File("p.png"), .. DataWith("--train-images", cut)];
        AssertOneErrorLine(Run(args), cut, "truncated data");

        string gzip = File("bad.gz");
        System.IO.File.WriteAllBytes(gzip, [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6]);
        AssertOneErrorLine(Run(["train", .. DataWith("--train-labels", gzip)]), gzip);

        string missing = File("nothing-here");
        AssertOneErrorLine(Run(["train", .. DataWith("--test-images", missing)]), missing);
        Assert.False(System.IO.File.Exists(File("w.safetensors")));
    }

    [Fact]
    public void A_learning_rate_that_overflows_float_is_one_error_line()
    {
        AssertOneErrorLine(Run(["train", "--learning-rate", "1e300", "--out", File("w.safetensors"), .. Data]),
            "LearningRate is 1E+300", "Infinity as Single");
        Assert.False(System.IO.File.Exists(File("w.safetensors")));
    }

    [Fact]
    public void A_run_that_diverges_is_one_error_line_and_writes_no_weights()
    {
        // η = 3e38 is finite in float; after the first step the softmax layer's weighted sums overflow, and the next
        // batch's cost is NaN.
        string weights = File("diverged.safetensors"), plot = File("diverged.png");
        var result = Run(["train", "--model", "softmax", "--epochs", "2", "--batch-size", "10", "--learning-rate", "3e38", "--out", weights, "--plot", plot, .. Data]);

        string line = AssertOneErrorLine(result, "Training diverged at epoch 1, batch ", "No weights were written.");
        Assert.StartsWith("error: Training diverged at epoch 1, batch 2 of 6: the batch's mean cost is NaN; expected a finite cost. Try a smaller learning rate than 3E+38.", line, StringComparison.Ordinal);
        Assert.False(System.IO.File.Exists(weights));
        Assert.False(System.IO.File.Exists(plot));
    }

    [Fact]
    public void A_good_run_exits_0_and_writes_the_weights_and_the_plot()
    {
        string weights = File("good.safetensors"), plot = File("good.png");

        var result = Run(["train", "--epochs", "2", "--out", weights, "--plot", plot, .. Data]);

        Assert.Equal((0, ""), (result.Code, result.Err));
        Assert.Contains("60 training digits, 20 test digits; 2 epochs", result.Out, StringComparison.Ordinal);
        Assert.True(System.IO.File.Exists(weights) && System.IO.File.Exists(plot));
        var help = Run("train", "--help");
        Assert.Equal((0, ""), (help.Code, help.Err));
        Assert.Contains("--learning-rate", help.Out, StringComparison.Ordinal);
    }

    private static string ShippedData(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "samples", "Mnist", "data", name);
            if (System.IO.File.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException($"No folder above '{AppContext.BaseDirectory}' holds samples/Mnist/data/{name}.");
    }

    private void WriteSubset(string imagesPath, string labelsPath, int count, string prefix)
    {
        IdxArray images = IdxReader.ReadImages(imagesPath), labels = IdxReader.ReadLabels(labelsPath);
        int pixels = images.ItemLength;
        var imageBytes = new byte[16 + count * pixels];
        BinaryPrimitives.WriteInt32BigEndian(imageBytes, IdxReader.ImagesMagic);
        BinaryPrimitives.WriteInt32BigEndian(imageBytes.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(imageBytes.AsSpan(8), images.Dimensions[1]);
        BinaryPrimitives.WriteInt32BigEndian(imageBytes.AsSpan(12), images.Dimensions[2]);
        images.Data[..(count * pixels)].CopyTo(imageBytes.AsSpan(16));
        var labelBytes = new byte[8 + count];
        BinaryPrimitives.WriteInt32BigEndian(labelBytes, IdxReader.LabelsMagic);
        BinaryPrimitives.WriteInt32BigEndian(labelBytes.AsSpan(4), count);
        labels.Data[..count].CopyTo(labelBytes.AsSpan(8));
        System.IO.File.WriteAllBytes(File(prefix + "-images"), imageBytes);
        System.IO.File.WriteAllBytes(File(prefix + "-labels"), labelBytes);
        Assert.Equal(count, labels.Data[..count].ToArray().Length);
    }
}
