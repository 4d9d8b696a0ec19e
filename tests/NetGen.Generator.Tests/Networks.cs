namespace NetGen.Generator.Tests;

/// <summary>The declarations the tests compile: the canonical networks of the golden files and the variants of the compilation checks.</summary>
internal static class Networks
{
    /// <summary>The 1-1-1-1 sigmoid chain of the backpropagation calculus: one neuron per layer, so every derivative has one term.</summary>
    public const string Chain = """
        using NetGen;

        namespace Samples.Calculus
        {
            /// <summary>One neuron per layer: the network the chain rule is first taught on.</summary>
            [Network(Inputs = 1, Loss = Loss.SquaredError)]
            [Dense(1, Activation.Sigmoid)]
            [Dense(1, Activation.Sigmoid)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Chain { }
        }
        """;

    /// <summary>The XOR network exactly as declared in samples/Xor/Program.cs (global namespace).</summary>
    public const string Xor = """
        using NetGen;

        /// <summary>The XOR network of the README: 2 inputs, 3 sigmoid neurons, 1 sigmoid output, squared-error cost.</summary>
        [Network(Inputs = 2, Loss = Loss.SquaredError)]
        [Dense(3, Activation.Sigmoid)]
        [Dense(1, Activation.Sigmoid)]
        public partial class XorNet { }
        """;

    /// <summary>A double-precision classifier: tanh hidden layer, softmax output and cross-entropy, the path where the cost gives ∂C/∂z.</summary>
    public const string Classifier = """
        using NetGen;

        namespace Samples.Classification
        {
            /// <summary>Three features, three classes.</summary>
            [Network(Inputs = 3, Loss = Loss.CrossEntropy, Precision = Precision.Double)]
            [Dense(4, Activation.Tanh)]
            [Dense(3, Activation.Softmax)]
            internal partial class Classifier { }
        }
        """;
}
