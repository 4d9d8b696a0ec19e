using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using NetGen.Training;
using Xunit;

namespace NetGen.Reporting.Tests;

public sealed class ReportingTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "netgen-reporting-" + Guid.NewGuid().ToString("N"));

    public ReportingTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static EpochReport[] Run(int epochs, bool evaluated = true) =>
        Enumerable.Range(1, epochs).Select(e => new EpochReport(e, epochs, 1.0 / e,
            evaluated ? new Evaluation(1.2 / e, 800 + 10 * e, 1000) : null, TimeSpan.FromMilliseconds(250), 7000)).ToArray();

    [Fact]
    public void Epoch_line_is_culture_free_and_complete()
    {
        var report = new EpochReport(3, 30, 0.123456, new Evaluation(0.13, 901, 1000), TimeSpan.FromSeconds(0.5), 7000);
        Assert.Equal("epoch  3/30  train cost 0.1235  test cost 0.1300  accuracy 0.9010 (901/1000)   14,000 ex/s  0.50 s", TrainingConsole.FormatEpoch(report));

        var plain = new EpochReport(1, 1, 2.5, null, TimeSpan.FromSeconds(2), 1000);
        Assert.Equal("epoch 1/1  train cost 2.5000      500 ex/s  2.00 s", TrainingConsole.FormatEpoch(plain));
    }

    [Fact]
    public void Plain_mode_writes_one_line_per_epoch_and_returns_the_result()
    {
        var output = new StringWriter();
        EpochReport[] reports = Run(2);

        int result = TrainingConsole.Run(observer =>
        {
            observer.OnEpochStarted(1, 2, 5);
            observer.OnBatchCompleted(new BatchProgress(1, 1, 5, 10, 0.5, TimeSpan.FromMilliseconds(1)));
            foreach (EpochReport report in reports) observer.OnEpochCompleted(report);
            return 42;
        }, ProgressMode.Plain, output);

        Assert.Equal(42, result);
        Assert.Equal(reports.Select(TrainingConsole.FormatEpoch), output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(7, TrainingConsole.Run(_ => 7, ProgressMode.Quiet));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Plot_is_a_png_of_the_requested_size(bool evaluated)
    {
        string path = Path.Combine(_folder, "training.png");

        TrainingPlot.SavePng(Run(10, evaluated), path, "test run", width: 640, height: 360);

        byte[] png = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(640, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(360, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        Assert.Equal(new[] { path }, Directory.GetFiles(_folder));
    }

    [Fact]
    public void Plot_replaces_an_existing_file_and_refuses_an_empty_run()
    {
        string path = Path.Combine(_folder, "training.png");
        File.WriteAllText(path, "old");

        TrainingPlot.SavePng(Run(3), path);
        Assert.Equal(0x89, File.ReadAllBytes(path)[0]);

        var e = Assert.Throws<ArgumentException>(() => TrainingPlot.SavePng([], path));
        Assert.Equal("reports", e.ParamName);
        Assert.StartsWith("reports is empty; expected at least one epoch to plot.", e.Message);
        Assert.Equal(new[] { path }, Directory.GetFiles(_folder));
    }
}
