using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetGen.Training;
using ScottPlot;

namespace NetGen.Reporting;

/// <summary>Draws a training run — cost and accuracy per epoch — as a PNG image.</summary>
public static class TrainingPlot
{
    /// <summary>
    /// Writes a PNG of <paramref name="reports"/> to <paramref name="path"/>: the mean training cost and the evaluation
    /// cost on the left axis, the evaluation accuracy (when there is one) on the right axis, the epoch along the bottom.
    /// The image is written to a temporary file in the same folder and renamed over <paramref name="path"/>.
    /// </summary>
    /// <param name="reports">The epochs of a run, as <see cref="Trainer{T}.Train"/> returns them.</param>
    /// <param name="path">The PNG file to write.</param>
    /// <param name="title">The title above the plot.</param>
    /// <param name="width">The width in pixels.</param>
    /// <param name="height">The height in pixels.</param>
    /// <exception cref="ArgumentException"><paramref name="reports"/> is empty, or a size is not positive.</exception>
    public static void SavePng(IReadOnlyList<EpochReport> reports, string path, string title = "Training", int width = 800, int height = 500)
    {
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (reports.Count == 0) throw new ArgumentException("reports is empty; expected at least one epoch to plot.", nameof(reports));

        byte[] png = Render(reports, title, width, height);
        string fullPath = Path.GetFullPath(path);
        string temporary = Path.Combine(Path.GetDirectoryName(fullPath) ?? ".", "." + Path.GetFileName(fullPath) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            File.WriteAllBytes(temporary, png);
            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            try { File.Delete(temporary); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
    }

    /// <summary>The PNG bytes of the plot <see cref="SavePng"/> writes.</summary>
    public static byte[] Render(IReadOnlyList<EpochReport> reports, string title = "Training", int width = 800, int height = 500)
    {
        ArgumentNullException.ThrowIfNull(reports);
        if (reports.Count == 0) throw new ArgumentException("reports is empty; expected at least one epoch to plot.", nameof(reports));

        var plot = new Plot();
        double[] epochs = reports.Select(r => (double)r.Epoch).ToArray();

        var training = plot.Add.Scatter(epochs, reports.Select(r => r.TrainingCost).ToArray());
        training.LegendText = "training cost";
        training.Color = Colors.SteelBlue;
        training.LineWidth = 2;

        bool evaluated = reports.All(r => r.Evaluation is not null);
        if (evaluated)
        {
            var testCost = plot.Add.Scatter(epochs, reports.Select(r => r.Evaluation!.Value.MeanCost).ToArray());
            testCost.LegendText = "test cost";
            testCost.Color = Colors.DarkOrange;
            testCost.LineWidth = 2;

            var accuracy = plot.Add.Scatter(epochs, reports.Select(r => r.Evaluation!.Value.Accuracy).ToArray());
            accuracy.LegendText = "test accuracy (right axis)";
            accuracy.Color = Colors.SeaGreen;
            accuracy.LineWidth = 2;
            accuracy.LinePattern = LinePattern.Dashed;
            accuracy.Axes.YAxis = plot.Axes.Right;
            plot.Axes.Right.Label.Text = "accuracy";
        }

        plot.Title(title);
        plot.Axes.Bottom.Label.Text = "epoch";
        plot.Axes.Left.Label.Text = "mean cost";
        plot.ShowLegend(Alignment.UpperCenter);
        plot.Axes.AutoScale();
        if (evaluated)
        {
            double lowest = reports.Min(r => r.Evaluation!.Value.Accuracy);
            plot.Axes.SetLimitsY(Math.Max(0, Math.Floor(lowest * 10) / 10 - 0.05), 1.0, plot.Axes.Right);
        }
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }
}
