using System.Security.Cryptography;
using System.Text;

namespace MutualPlan.Web.Auth;

/// <summary>Random secrets for links and tokens, and the hash under which they are stored.</summary>
public static class Secrets
{
    /// <summary>256 random bits, URL-safe, with a readable prefix (e.g. "mp_").</summary>
    public static string New(string prefix) =>
        prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>SHA-256, hex. The secrets are random, so no salt or slow hash is needed.</summary>
    public static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
