using System;
using System.Globalization;
using NetGen;

// The chain of the backpropagation calculus: one input, three single sigmoid neurons, one training example,
// C = (a(L) − y)². Prints ∂C/∂w(L), ∂C/∂b(L) and ∂C/∂a(L−1) as chains of factors with their numbers, then takes a few
// gradient-descent steps and shows the cost falling. The generated backward pass that computes the same numbers is in
// obj/Debug/net10.0/generated/NetGen.Generator/NetGen.Generator.NetGenGenerator/ChainNet.NetGen.g.cs.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

double[] x = [1.5];   // the input a(L−3)
double[] y = [1.0];   // the desired output
const double LearningRate = 1.0;
const int Steps = 12;

var network = new ChainNet();
// w(L−2), b(L−2), w(L−1), b(L−1), w(L), b(L): chosen by hand so that every number below is easy to follow.
double[] start = [0.5, 0.1, -1.2, 0.3, 0.8, -0.2];
start.CopyTo(network.Parameters);

Console.WriteLine($"ChainNet: {ChainNet.Spec}");
Console.WriteLine($"One example: x = {x[0]}, y = {y[0]}. Parameters: " +
    string.Join(", ", Array.ConvertAll(start, p => p.ToString(CultureInfo.InvariantCulture))) + " (w1, b1, w2, b2, w3, b3).");
Console.WriteLine();

Section("The last weight: ∂C/∂w(L)");
Console.WriteLine(GradientExplanation.Explain<double>(network, x, y, "layer3.w[0,0]"));
Section("The last bias: ∂C/∂b(L)");
Console.WriteLine(GradientExplanation.Explain<double>(network, x, y, "layer3.b[0]"));
Section("The activation before it: ∂C/∂a(L−1), the sensitivity backpropagation carries to the earlier layers");
Console.WriteLine(GradientExplanation.ExplainActivation<double>(network, x, y, "layer2", 0));
Section("The first weight: ∂C/∂w(L−2), the same rule repeated down the chain");
Console.WriteLine(GradientExplanation.Explain<double>(network, x, y, "layer1.w[0,0]"));

Section($"Gradient descent, η = {LearningRate}: θ ← θ − η·∂C/∂θ");
Console.WriteLine(" step   cost C      a(L)     ∂C/∂w(L) explained   ∂C/∂w(L) Backward");
var gradient = new double[ChainNet.ParameterCount];
Span<double> output = stackalloc double[1];
int last = ChainNet.Spec.ParameterIndex("layer3.w[0,0]");
double firstCost = 0, cost = 0;
for (int step = 0; step <= Steps; step++)
{
    Array.Clear(gradient);
    cost = network.Backward(x, y, gradient);
    if (step == 0) firstCost = cost;
    network.Forward(x, output);
    double explained = GradientExplanation.Explain<double>(network, x, y, last).Gradient;
    Console.WriteLine($"{step,5}   {cost,-10:F6}  {output[0],-7:F4}  {explained,19:F8}  {gradient[last],18:F8}");
    if (step < Steps) network.Step(gradient, LearningRate);
}
Console.WriteLine();
Console.WriteLine($"The cost fell from {firstCost:F6} to {cost:F6} in {Steps} steps.");

static void Section(string title)
{
    Console.WriteLine();
    Console.WriteLine(title);
    Console.WriteLine(new string('-', title.Length));
}

/// <summary>The 1-1-1-1 chain: one input, three sigmoid neurons in a row, squared error, in double.</summary>
[Network(Inputs = 1, Loss = Loss.SquaredError, Precision = Precision.Double)]
[Dense(1, Activation.Sigmoid)]
[Dense(1, Activation.Sigmoid)]
[Dense(1, Activation.Sigmoid)]
public partial class ChainNet { }
