using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using NetGen;
using Spectre.Console;

// Vanishing gradients: the same deep, narrow network (8 hidden layers of 16) with Sigmoid and with ReLU hidden layers,
// trained side by side on the same data. Backpropagation multiplies ∂C/∂a by w·σ'(z) at every layer on its way back to
// the input; the logistic's slope σ' = a(1 − a) is at most 0.25, so the sigmoid network's first layers get gradients
// orders of magnitude smaller than its last, while ReLU's slope is 1 wherever a unit is on and its gradients do not
// shrink. Prints the per-layer gradient norms and writes vanishing-gradients.png (log scale) in the current folder.
const int Examples = 512;
const int DataSeed = 2026;
const int Epochs = 200;
const int BatchSize = 32;
const double LearningRate = 0.1;
int[] checkpoints = [0, 1, 10, 50, 100, 200];

(double[] inputs, double[] targets) = Data.Circle(Examples, DataSeed);
var sigmoid = new DeepSigmoidNet();
var relu = new DeepReluNet();

AnsiConsole.MarkupLine($"[bold]Vanishing gradients[/]: two networks of {DeepSigmoidNet.Spec.Layers.Count} layers, {DeepSigmoidNet.ParameterCount} parameters each");
AnsiConsole.WriteLine("  sigmoid: 2 inputs -> 8 x Dense(16, Sigmoid) -> Dense(1, Sigmoid), Glorot init");
AnsiConsole.WriteLine("  ReLU:    2 inputs -> 8 x Dense(16, ReLU)    -> Dense(1, Sigmoid), He init");
AnsiConsole.WriteLine("  Task: is a point of [-1, 1]² inside the circle x² + y² < 0.5?");
AnsiConsole.WriteLine(Inv($"  {Examples} examples (seed {DataSeed}), squared error, minibatches of {BatchSize}, η = {LearningRate}"));
AnsiConsole.WriteLine();

var history = new List<(int Epoch, GradientHealth Sigmoid, GradientHealth Relu, double SigmoidAccuracy, double ReluAccuracy)>();
Record(0);
PrintLayers("At initialisation", history[0].Sigmoid, history[0].Relu);

var order = Enumerable.Range(0, Examples).ToArray();
var shuffle = new Random(DataSeed + 1);
var batchInputs = new double[BatchSize * 2];
var batchTargets = new double[BatchSize];
for (int epoch = 1; epoch <= Epochs; epoch++)
{
    shuffle.Shuffle(order);   // the same order for both networks
    for (int start = 0; start + BatchSize <= Examples; start += BatchSize)
    {
        for (int r = 0; r < BatchSize; r++)
        {
            int row = order[start + r];
            batchInputs[2 * r] = inputs[2 * row];
            batchInputs[2 * r + 1] = inputs[2 * row + 1];
            batchTargets[r] = targets[row];
        }
        sigmoid.TrainBatch(batchInputs, batchTargets, LearningRate);
        relu.TrainBatch(batchInputs, batchTargets, LearningRate);
    }
    if (checkpoints.Contains(epoch)) Record(epoch);
}

PrintProgress();
var last = history[^1];
PrintLayers($"After {Epochs} epochs", last.Sigmoid, last.Relu);

var first = history[0];
double sigmoidRatio = first.Sigmoid.Layers[0].GradientNorm / first.Sigmoid.Layers[^1].GradientNorm;
double reluRatio = first.Relu.Layers[0].GradientNorm / first.Relu.Layers[^1].GradientNorm;
AnsiConsole.MarkupLine(Inv($"At initialisation the first layer's gradient is [bold]{sigmoidRatio:0.0e+0}[/] times the last layer's in the sigmoid network, {reluRatio:0.00} times in the ReLU network:"));
AnsiConsole.MarkupLine(Inv($"{Math.Log10(first.Relu.Layers[0].GradientNorm / first.Sigmoid.Layers[0].GradientNorm):0.0} orders of magnitude between their first layers, because every sigmoid layer multiplies ∂C/∂a by w·σ'(z) with σ' ≤ 0.25."));

string png = Plot.Write(history[0].Epoch, first.Sigmoid, first.Relu, last.Epoch, last.Sigmoid, last.Relu);
AnsiConsole.MarkupLine($"Wrote [bold]{Markup.Escape(png)}[/].");

void Record(int epoch)
{
    history.Add((epoch,
        GradientHealth.Measure<double>(sigmoid, inputs, targets),
        GradientHealth.Measure<double>(relu, inputs, targets),
        Data.Accuracy(sigmoid, inputs, targets),
        Data.Accuracy(relu, inputs, targets)));
}

void PrintLayers(string title, GradientHealth s, GradientHealth r)
{
    // ‖∂C/∂θ‖ is the L2 norm of the layer's weights' and biases' gradient of the mean cost over all the examples.
    var table = new Table().Title($"[bold]{Markup.Escape(title)}[/]: ‖∂C/∂θ‖ per layer, {s.Examples} examples")
        .AddColumn(new TableColumn("layer").NoWrap())
        .AddColumn(new TableColumn("sigmoid").RightAligned())
        .AddColumn(new TableColumn("× per layer").RightAligned())
        .AddColumn(new TableColumn("mean σ'").RightAligned())
        .AddColumn(new TableColumn("ReLU").RightAligned())
        .AddColumn(new TableColumn("× per layer").RightAligned())
        .AddColumn(new TableColumn("dead").RightAligned())
        .AddColumn(new TableColumn("ratio").RightAligned());
    for (int l = 0; l < s.Layers.Count; l++)
    {
        LayerGradientHealth a = s.Layers[l], b = r.Layers[l];
        bool output = l == s.Layers.Count - 1;
        table.AddRow(
            output ? $"{a.LayerName} out" : a.LayerName,
            Inv($"{a.GradientNorm:0.00e+0}"),
            output ? "" : Inv($"{a.GradientNorm / s.Layers[l + 1].GradientNorm:0.00}"),
            Inv($"{a.MeanActivationDerivative:0.000}"),
            Inv($"{b.GradientNorm:0.00e+0}"),
            output ? "" : Inv($"{b.GradientNorm / r.Layers[l + 1].GradientNorm:0.00}"),
            b.DeadShare is double dead ? Inv($"{100 * dead:0}%") : "",
            Inv($"{b.GradientNorm / a.GradientNorm:0.0e+0}"));
    }
    AnsiConsole.Write(table);
    AnsiConsole.MarkupLine("[dim]× per layer: this layer's norm ÷ the next layer's, what one step back multiplies the gradient by; " +
        "mean σ': the sigmoid network's mean slope (at most 0.25); dead: ReLU units with z ≤ 0 on every example; ratio: ReLU ÷ sigmoid.[/]");
    AnsiConsole.WriteLine();
}

void PrintProgress()
{
    var table = new Table().Title("[bold]Training side by side[/] (mean cost, accuracy, ‖∂C/∂θ‖ of layer1)")
        .AddColumn(new TableColumn("epoch").RightAligned())
        .AddColumn(new TableColumn("sigmoid cost").RightAligned())
        .AddColumn(new TableColumn("accuracy").RightAligned())
        .AddColumn(new TableColumn("layer1").RightAligned())
        .AddColumn(new TableColumn("ReLU cost").RightAligned())
        .AddColumn(new TableColumn("accuracy").RightAligned())
        .AddColumn(new TableColumn("layer1").RightAligned());
    foreach (var h in history)
    {
        table.AddRow(
            Inv($"{h.Epoch}"),
            Inv($"{h.Sigmoid.MeanCost:0.0000}"), Inv($"{100 * h.SigmoidAccuracy:0.0}%"), Inv($"{h.Sigmoid.Layers[0].GradientNorm:0.00e+0}"),
            Inv($"{h.Relu.MeanCost:0.0000}"), Inv($"{100 * h.ReluAccuracy:0.0}%"), Inv($"{h.Relu.Layers[0].GradientNorm:0.00e+0}"));
    }
    AnsiConsole.Write(table);
    AnsiConsole.WriteLine();
}

static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

/// <summary>8 hidden sigmoid layers of 16, a sigmoid output, squared error: the network whose gradients vanish.</summary>
[Network(Inputs = 2, Loss = Loss.SquaredError, Precision = Precision.Double)]
[Dense(16, Activation.Sigmoid)]
[Dense(16, Activation.Sigmoid)]
[Dense(16, Activation.Sigmoid)]
[Dense(16, Activation.Sigmoid)]
[Dense(16, Activation.Sigmoid)]
[Dense(16, Activation.Sigmoid)]
[Dense(16, Activation.Sigmoid)]
[Dense(16, Activation.Sigmoid)]
[Dense(1, Activation.Sigmoid)]
public partial class DeepSigmoidNet { }

/// <summary>The same shape with ReLU hidden layers (He-initialised), the same sigmoid output and cost.</summary>
[Network(Inputs = 2, Loss = Loss.SquaredError, Precision = Precision.Double)]
[Dense(16, Activation.ReLU)]
[Dense(16, Activation.ReLU)]
[Dense(16, Activation.ReLU)]
[Dense(16, Activation.ReLU)]
[Dense(16, Activation.ReLU)]
[Dense(16, Activation.ReLU)]
[Dense(16, Activation.ReLU)]
[Dense(16, Activation.ReLU)]
[Dense(1, Activation.Sigmoid)]
public partial class DeepReluNet { }

/// <summary>The generated data set and its accuracy measure.</summary>
internal static class Data
{
    /// <summary>Points uniform in [−1, 1]², labelled 1 inside the circle x² + y² &lt; 0.5 (about 39% of them), else 0.</summary>
    public static (double[] Inputs, double[] Targets) Circle(int count, int seed)
    {
        var random = new Random(seed);
        var inputs = new double[2 * count];
        var targets = new double[count];
        for (int i = 0; i < count; i++)
        {
            double x = 2 * random.NextDouble() - 1, y = 2 * random.NextDouble() - 1;
            inputs[2 * i] = x;
            inputs[2 * i + 1] = y;
            targets[i] = x * x + y * y < 0.5 ? 1 : 0;
        }
        return (inputs, targets);
    }

    /// <summary>The share of examples whose output falls on the right side of 0.5.</summary>
    public static double Accuracy(INetwork<double> network, double[] inputs, double[] targets)
    {
        Span<double> output = stackalloc double[1];
        int right = 0;
        for (int i = 0; i < targets.Length; i++)
        {
            network.Forward(inputs.AsSpan(2 * i, 2), output);
            if (output[0] > 0.5 == targets[i] > 0.5) right++;
        }
        return (double)right / targets.Length;
    }
}

/// <summary>The log-scale plot of per-layer gradient norms.</summary>
internal static class Plot
{
    public const string FileName = "vanishing-gradients.png";

    /// <summary>Writes the plot to a temporary file in the current folder, then renames it, so a reader never sees half a PNG.</summary>
    public static string Write(int startEpoch, GradientHealth sigmoidStart, GradientHealth reluStart, int endEpoch, GradientHealth sigmoidEnd, GradientHealth reluEnd)
    {
        var plot = new ScottPlot.Plot();
        double[] layers = Enumerable.Range(1, sigmoidStart.Layers.Count).Select(l => (double)l).ToArray();
        ScottPlot.Color sigmoidColor = ScottPlot.Color.FromHex("#d62728"), reluColor = ScottPlot.Color.FromHex("#1f77b4");
        Add(plot, layers, sigmoidStart, sigmoidColor, $"Sigmoid, epoch {startEpoch} (solid)", ScottPlot.LinePattern.Solid);
        Add(plot, layers, reluStart, reluColor, $"ReLU, epoch {startEpoch} (solid)", ScottPlot.LinePattern.Solid);
        Add(plot, layers, sigmoidEnd, sigmoidColor, $"Sigmoid, epoch {endEpoch} (dashed)", ScottPlot.LinePattern.Dashed);
        Add(plot, layers, reluEnd, reluColor, $"ReLU, epoch {endEpoch} (dashed)", ScottPlot.LinePattern.Dashed);

        // Log scale: the data are log10 of the norms; the ticks are labelled with the powers of ten they stand for.
        var ticks = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => "1e" + Math.Round(y).ToString(CultureInfo.InvariantCulture),
        };
        plot.Axes.Left.TickGenerator = ticks;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(1);
        plot.Grid.MajorLineColor = ScottPlot.Colors.Black.WithOpacity(0.15);
        plot.Grid.MinorLineColor = ScottPlot.Colors.Black.WithOpacity(0.05);
        plot.Grid.MinorLineWidth = 1;
        plot.Title("Vanishing gradients: 8 hidden layers of 16, sigmoid vs ReLU");
        plot.XLabel("layer (1 = first hidden layer, 9 = output)");
        plot.YLabel("‖∂C/∂θ‖ of the layer (log scale)");
        plot.ShowLegend(ScottPlot.Alignment.LowerRight);

        string final = Path.Combine(Directory.GetCurrentDirectory(), FileName);
        string temporary = Path.Combine(Directory.GetCurrentDirectory(), $".{Path.GetFileNameWithoutExtension(FileName)}.{Environment.ProcessId}.tmp.png");
        plot.SavePng(temporary, 900, 560);
        File.Move(temporary, final, overwrite: true);
        return final;
    }

    private static void Add(ScottPlot.Plot plot, double[] layers, GradientHealth health, ScottPlot.Color color, string label, ScottPlot.LinePattern pattern)
    {
        double[] norms = health.Layers.Select(l => Math.Log10(l.GradientNorm)).ToArray();
        var scatter = plot.Add.Scatter(layers, norms);
        scatter.Color = color;
        scatter.LegendText = label;
        scatter.LinePattern = pattern;
        scatter.LineWidth = 2;
        scatter.MarkerSize = 7;
    }
}
