using System;
using System.Globalization;
using NetGen;

// XOR: the smallest problem a single neuron cannot solve and a hidden layer can.
// Trains the generated 2-3-1 sigmoid network with full-batch gradient descent and prints the cost falling.
float[] inputs = [0, 0, 0, 1, 1, 0, 1, 1];
float[] targets = [0, 1, 1, 0];
const float learningRate = 2f;
const int epochs = 4000;

var network = new XorNet();
Console.WriteLine($"XorNet: {XorNet.Spec}");
Console.WriteLine();
Console.WriteLine(" epoch   mean cost");
for (int epoch = 1; epoch <= epochs; epoch++)
{
    float cost = network.TrainBatch(inputs, targets, learningRate);
    if (epoch == 1 || epoch % 500 == 0)
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{epoch,6}   {cost:F6}"));
}

Console.WriteLine();
Console.WriteLine("  x1  x2   output   class");
Span<float> output = stackalloc float[XorNet.OutputCount];
for (int row = 0; row < 4; row++)
{
    network.Forward(inputs.AsSpan(row * 2, 2), output);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {inputs[row * 2]:0}   {inputs[row * 2 + 1]:0}   {output[0]:F4}   {(output[0] > 0.5f ? 1 : 0)} (want {targets[row]:0})"));
}

/// <summary>The XOR network of the README: 2 inputs, 3 sigmoid neurons, 1 sigmoid output, squared-error cost.</summary>
[Network(Inputs = 2, Loss = Loss.SquaredError)]
[Dense(3, Activation.Sigmoid)]
[Dense(1, Activation.Sigmoid)]
public partial class XorNet { }
