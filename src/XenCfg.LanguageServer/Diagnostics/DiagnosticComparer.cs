using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using XenCfg.LanguageServer.Protocol;

namespace XenCfg.LanguageServer.Diagnostics;

/// <summary>Fingerprints of published diagnostic lists.</summary>
internal static class DiagnosticComparer
{
    /// <summary>
    /// A 128-bit digest (SHA-256, truncated) of everything a list of diagnostics shows, so a republication can be
    /// skipped without keeping the list.
    /// </summary>
    public static UInt128 Fingerprint(IReadOnlyList<Protocol.Diagnostic> diagnostics)
    {
        var hasher = Hasher.Rent();
        hasher.Int(diagnostics.Count);
        foreach (var diagnostic in diagnostics)
        {
            hasher.Range(diagnostic.Range);
            hasher.Text(diagnostic.Message);
            hasher.Int(diagnostic.Severity);
            hasher.Text(diagnostic.Code);
            hasher.Text(diagnostic.CodeDescription?.Href);
            hasher.Text(diagnostic.Source);
            hasher.Int(diagnostic.Tags?.Length);
            foreach (var tag in diagnostic.Tags ?? [])
            {
                hasher.Int(tag);
            }

            hasher.Int(diagnostic.RelatedInformation?.Length);
            foreach (var related in diagnostic.RelatedInformation ?? [])
            {
                hasher.Text(related.Location.Uri);
                hasher.Range(related.Location.Range);
                hasher.Text(related.Message);
            }
        }

        return hasher.Finish();
    }

    /// <summary>
    /// Feeds SHA-256 through a buffer, so a long list costs a few calls into the crypto library, not one per field.
    /// Each thread keeps one (the diagnostics worker fingerprints a list per publication): finishing resets it.
    /// </summary>
    private sealed class Hasher
    {
        [ThreadStatic]
        private static Hasher? _cached;

        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private readonly byte[] _buffer = new byte[8192];
        private int _used;

        public static Hasher Rent()
        {
            var hasher = _cached ?? new Hasher();
            _cached = null;
            return hasher;
        }

        public void Int(int? value)
        {
            Reserve(4);
            BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_used), value ?? int.MinValue);
            _used += 4;
        }

        public void Range(Protocol.Range range)
        {
            Int(range.Start.Line);
            Int(range.Start.Character);
            Int(range.End.Line);
            Int(range.End.Character);
        }

        public void Text(string? value)
        {
            Int(value?.Length ?? -1);
            var bytes = MemoryMarshal.AsBytes((value ?? string.Empty).AsSpan());
            if (bytes.Length > _buffer.Length / 2)
            {
                Flush();
                _hash.AppendData(bytes);
                return;
            }

            Reserve(bytes.Length);
            bytes.CopyTo(_buffer.AsSpan(_used));
            _used += bytes.Length;
        }

        public UInt128 Finish()
        {
            Flush();
            Span<byte> digest = stackalloc byte[32];
            _hash.GetHashAndReset(digest);
            _cached = this;
            return BinaryPrimitives.ReadUInt128LittleEndian(digest);
        }

        private void Reserve(int length)
        {
            if (_used + length > _buffer.Length)
            {
                Flush();
            }
        }

        private void Flush()
        {
            _hash.AppendData(_buffer, 0, _used);
            _used = 0;
        }
    }
}
