using System;
using System.Globalization;
using NetGen;
using NetGen.Training;

// Two heads on one shared trunk. For a point in the square [-1, 1]², one head classifies which third of the circle
// it lies in (Softmax with cross-entropy), the other estimates its distance from the origin (squared error). The
// trunk learns from both costs: by the chain rule, ∂C/∂a of a trunk neuron is the sum over both heads' paths.
const int trainCount = 2000, testCount = 500, epochs = 60;
(float[] trainInputs, float[] trainTargets) = MakeData(trainCount, seed: 1);
(float[] testInputs, float[] testTargets) = MakeData(testCount, seed: 2);

var network = new TwoHeads();
Console.WriteLine($"TwoHeads: {TwoHeads.Spec}");
Console.WriteLine();
// Untrained, the biases are 0 and tanh is odd, so each logit is an odd function of the point: the classes' regions
// are wedges meeting at the origin, like the true thirds but at a random angle, so the accuracy can be anywhere in 0-100%.
Report("before training", network, testInputs, testTargets);

// The flat rows are what TrainBatch takes: the input 'point', then the targets of 'sector' (one-hot) and 'radius'.
var trainer = new Trainer<float>(network, new TrainerOptions { Epochs = epochs, BatchSize = 32, LearningRate = 0.1, Seed = 7 });
Console.WriteLine();
Console.WriteLine(" epoch   mean cost C = CrossEntropy(sector) + 2·SquaredError(radius)");
trainer.Train(new DataSet<float>(trainInputs, trainTargets, TwoHeads.InputCount, TwoHeads.OutputCount), observer: new TrainingCallbacks
{
    EpochCompleted = r =>
    {
        if (r.Epoch == 1 || r.Epoch % 10 == 0)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Epoch,6}   {r.TrainingCost:F4}"));
    },
});
Console.WriteLine();
Report("after training", network, testInputs, testTargets);

// The learned behaviour on a few points, through the named overload: one span per input and per output.
Console.WriteLine();
Console.WriteLine($"  {"point",-14}   {"sector (p)",-16}   radius");
Span<float> sector = stackalloc float[3], radius = stackalloc float[1];
foreach ((float x, float y) in new[] { (0.8f, 0.1f), (-0.5f, 0.5f), (-0.2f, -0.7f), (0.05f, 0.05f), (-0.9f, -0.9f) })
{
    network.Forward(point: [x, y], sector, radius);
    int predicted = DataSet<float>.ArgMax(sector);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  ({x,5:F2}, {y,5:F2})   {predicted} ({sector[predicted]:F2}), want {SectorOf(x, y)}   {radius[0]:F3}, want {MathF.Sqrt(x * x + y * y):F3}"));
}

// Accuracy of the sector head and error of the radius head on the test points.
static void Report(string when, TwoHeads network, float[] inputs, float[] targets)
{
    Span<float> sector = stackalloc float[3], radius = stackalloc float[1];
    int count = inputs.Length / TwoHeads.InputCount, correct = 0;
    double squares = 0;
    for (int i = 0; i < count; i++)
    {
        network.Forward(inputs.AsSpan(i * 2, 2), sector, radius);
        ReadOnlySpan<float> target = targets.AsSpan(i * TwoHeads.OutputCount, TwoHeads.OutputCount);
        if (DataSet<float>.ArgMax(sector) == DataSet<float>.ArgMax(target[..3])) correct++;
        squares += (radius[0] - target[3]) * (radius[0] - target[3]);
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{when,-16}  sector accuracy {100.0 * correct / count,5:F1}%   radius RMS error {Math.Sqrt(squares / count):F3}   ({count} test points)"));
}

// Points uniform in the square; targets: the one-hot third of the circle (0: 0°-120°, 1: 120°-240°, 2: 240°-360°), then the radius.
static (float[] Inputs, float[] Targets) MakeData(int count, int seed)
{
    var random = new Random(seed);
    var inputs = new float[count * TwoHeads.InputCount];
    var targets = new float[count * TwoHeads.OutputCount];
    for (int i = 0; i < count; i++)
    {
        float x = random.NextSingle() * 2 - 1, y = random.NextSingle() * 2 - 1;
        (inputs[i * 2], inputs[i * 2 + 1]) = (x, y);
        targets[i * 4 + SectorOf(x, y)] = 1;
        targets[i * 4 + 3] = MathF.Sqrt(x * x + y * y);
    }
    return (inputs, targets);
}

static int SectorOf(float x, float y)
{
    double degrees = Math.Atan2(y, x) * 180 / Math.PI;
    return (int)((degrees + 360) % 360 / 120);
}

/// <summary>A shared tanh trunk with two heads: the third of the circle a point is in, and its distance from the origin.
/// The radius head reads the point itself next to the trunk (a concatenation of an input with a hidden layer).</summary>
[Network]
[Input("point", 2)]
[Dense(16, Activation.Tanh, Name = "trunk")]
[Dense(3, Activation.Softmax, Name = "sector", From = new[] { "trunk" })]
[Dense(1, Activation.Identity, Name = "radius", From = new[] { "point", "trunk" })]
[Output("sector", Loss.CrossEntropy)]
[Output("radius", Loss.SquaredError, Weight = 2.0)]
public partial class TwoHeads { }
