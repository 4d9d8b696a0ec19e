using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using NetGen.Training;
using Spectre.Console;

namespace NetGen.Reporting;

/// <summary>How <see cref="TrainingConsole"/> shows a run.</summary>
public enum ProgressMode
{
    /// <summary><see cref="Live"/> on a terminal, <see cref="Plain"/> when standard output is redirected.</summary>
    Auto = 0,
    /// <summary>A live progress bar per epoch (Spectre.Console) with cost and throughput, and a line per finished epoch.</summary>
    Live = 1,
    /// <summary>One plain text line per finished epoch, nothing else: for logs and pipes.</summary>
    Plain = 2,
    /// <summary>Nothing.</summary>
    Quiet = 3,
}

/// <summary>Shows a training run on the console: an epoch bar with the running cost and throughput, a line per epoch.</summary>
/// <example>
/// <code>
/// var reports = TrainingConsole.Run(observer => trainer.Train(train, test, observer));
/// </code>
/// </example>
public static class TrainingConsole
{
    /// <summary>
    /// Runs <paramref name="training"/>, which should pass the observer it is given to <see cref="Trainer{T}.Train"/>,
    /// and shows its progress as <paramref name="mode"/> says.
    /// </summary>
    /// <param name="training">The run; its result is returned.</param>
    /// <param name="mode">How to show it; <see cref="ProgressMode.Auto"/> is quiet about bars when output is redirected.</param>
    /// <param name="plainOutput">Where <see cref="ProgressMode.Plain"/> writes; the console unless given.</param>
    public static TResult Run<TResult>(Func<ITrainingObserver, TResult> training, ProgressMode mode = ProgressMode.Auto, TextWriter? plainOutput = null)
    {
        ArgumentNullException.ThrowIfNull(training);
        if (mode == ProgressMode.Auto)
            mode = Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive ? ProgressMode.Plain : ProgressMode.Live;
        switch (mode)
        {
            case ProgressMode.Quiet:
                return training(new QuietObserver());
            case ProgressMode.Plain:
                return training(new PlainObserver(plainOutput ?? Console.Out));
            case ProgressMode.Live:
                return AnsiConsole.Progress()
                    .AutoClear(true)
                    .HideCompleted(true)
                    .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                    .Start(context => training(new LiveObserver(context)));
            default:
                throw new ArgumentOutOfRangeException(nameof(mode), mode, "Expected Auto, Live, Plain or Quiet.");
        }
    }

    /// <summary>
    /// One culture-free line for a finished epoch, for example
    /// <c>epoch  3/30  train cost 0.1234  test cost 0.1300  accuracy 0.9012 (901/1000)  41,000 ex/s  0.17 s</c>.
    /// </summary>
    public static string FormatEpoch(EpochReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        int width = report.Epochs.ToString(CultureInfo.InvariantCulture).Length;
        string epoch = report.Epoch.ToString(CultureInfo.InvariantCulture).PadLeft(width);
        string text = string.Create(CultureInfo.InvariantCulture, $"epoch {epoch}/{report.Epochs}  train cost {report.TrainingCost:F4}");
        if (report.Evaluation is Evaluation e)
            text += string.Create(CultureInfo.InvariantCulture, $"  test cost {e.MeanCost:F4}  accuracy {e.Accuracy:F4} ({e.Correct}/{e.Count})");
        return text + string.Create(CultureInfo.InvariantCulture, $"  {report.ExamplesPerSecond,7:N0} ex/s  {report.Elapsed.TotalSeconds:F2} s");
    }

    private sealed class QuietObserver : ITrainingObserver;

    private sealed class PlainObserver(TextWriter output) : ITrainingObserver
    {
        public void OnEpochCompleted(EpochReport report)
        {
            output.WriteLine(FormatEpoch(report));
            output.Flush();
        }
    }

    private sealed class LiveObserver(ProgressContext context) : ITrainingObserver
    {
        private ProgressTask? _task;
        private long _lastUpdate;

        public void OnEpochStarted(int epoch, int epochs, int batches)
        {
            _task = context.AddTask(string.Create(CultureInfo.InvariantCulture, $"epoch {epoch}/{epochs}"), maxValue: batches);
            _lastUpdate = 0;
        }

        public void OnBatchCompleted(in BatchProgress progress)
        {
            if (_task is null) return;
            // Redraw the description at most ten times a second: formatting text every batch would cost more than a small batch.
            long now = Stopwatch.GetTimestamp();
            if (progress.Batch == progress.Batches || Stopwatch.GetElapsedTime(_lastUpdate, now) >= TimeSpan.FromMilliseconds(100))
            {
                double rate = progress.Elapsed > TimeSpan.Zero ? progress.Examples / progress.Elapsed.TotalSeconds : 0;
                _task.Description = string.Create(CultureInfo.InvariantCulture,
                    $"epoch {progress.Epoch}  cost {progress.MeanCost:F4}  {rate,7:N0} ex/s");
                _lastUpdate = now;
            }
            _task.Value = progress.Batch;
        }

        public void OnEpochCompleted(EpochReport report)
        {
            _task?.StopTask();
            AnsiConsole.MarkupLine(Markup.Escape(FormatEpoch(report)));
        }
    }
}
