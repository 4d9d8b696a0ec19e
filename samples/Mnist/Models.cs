using System;
using System.Linq;

namespace NetGen.Samples.Mnist;

/// <summary>A network the sample can train, with the defaults that train it well in well under a minute.</summary>
internal sealed record Model(string Name, string Title, Func<INetwork<float>> Create, int Epochs, double LearningRate, int BatchSize);

/// <summary>The sample's two networks.</summary>
internal static class Models
{
    public static readonly Model Sigmoid = new("sigmoid", "784-16-16-10 sigmoid", () => new MnistNet(), Epochs: 30, LearningRate: 3.0, BatchSize: 20);
    public static readonly Model Softmax = new("softmax", "784-100-10 softmax", () => new MnistSoftmaxNet(), Epochs: 15, LearningRate: 1.0, BatchSize: 10);
    public static readonly Model[] All = [Sigmoid, Softmax];

    public static Model Find(string name) =>
        All.FirstOrDefault(m => m.Name == name) ?? throw new ArgumentException($"--model is '{name}'; expected {string.Join(" or ", All.Select(m => m.Name))}.", "--model");
}
