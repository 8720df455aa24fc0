using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Graph.Api.Identity;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    /// <summary>E.164: a plus, a country code that does not start with 0, 8 to 15 digits in all.</summary>
    public const string PhoneCheck = "phone ~ '^\\+[1-9][0-9]{7,14}$'";

    public void Configure(EntityTypeBuilder<User> user)
    {
        user.ToTable(table =>
        {
            table.HasCheckConstraint("ck_users_email_or_phone", "email IS NOT NULL OR phone IS NOT NULL");
            table.HasCheckConstraint("ck_users_email_lower_case", "email = lower(email)");
            table.HasCheckConstraint("ck_users_phone_e164", PhoneCheck);
            table.HasCheckConstraint("ck_users_preferred_language",
                $"preferred_language IN ({string.Join(", ", PreferredLanguages.AllCodes.Select(c => $"'{c}'"))})");
        });
        user.HasKey(u => u.Id);
        // A UUIDv7 made by Npgsql when the user is added, as for authors and books.
        user.Property(u => u.Id).ValueGeneratedOnAdd();
        user.Property(u => u.Email).HasMaxLength(EmailAddresses.MaxLength);
        user.Property(u => u.Phone).HasMaxLength(PhoneNumbers.MaxLength);
        user.Property(u => u.DisplayName).HasMaxLength(AccountRules.MaxDisplayNameLength);
        user.Property(u => u.PreferredLanguage)
            .HasConversion(new ValueConverter<PreferredLanguage, string>(l => PreferredLanguages.ToCode(l), c => PreferredLanguages.Parse(c)))
            .HasMaxLength(2);
        user.Property(u => u.PasswordHash).HasMaxLength(256);
        user.Ignore(u => u.AccountKey);
        user.HasIndex(u => u.Email).IsUnique();
        user.HasIndex(u => u.Phone).IsUnique();
        user.HasMany(u => u.Roles).WithOne().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class UserRoleConfiguration : IEntityTypeConfiguration<UserRole>
{
    public void Configure(EntityTypeBuilder<UserRole> role)
    {
        role.ToTable(table => table.HasCheckConstraint("ck_user_roles_role",
            $"role IN ({string.Join(", ", PlatformRoles.All.Select(r => $"'{PlatformRoles.ToName(r)}'"))})"));
        role.HasKey(r => new { r.UserId, r.Role });
        role.Property(r => r.Role)
            .HasConversion(new ValueConverter<PlatformRole, string>(r => PlatformRoles.ToName(r), n => PlatformRoles.Parse(n)))
            .HasMaxLength(PlatformRoles.MaxNameLength);
    }
}

internal sealed class SessionConfiguration : IEntityTypeConfiguration<Session>
{
    public void Configure(EntityTypeBuilder<Session> session)
    {
        session.HasKey(s => s.Id);
        session.Property(s => s.Id).ValueGeneratedOnAdd();
        session.Property(s => s.Device).HasMaxLength(Session.MaxDeviceLength);
        session.Property(s => s.IpAddress).HasColumnName("ip");
        session.Property(s => s.UserAgent).HasMaxLength(Session.MaxUserAgentLength);
        session.Property(s => s.RevokedReason)
            .HasConversion(new ValueConverter<SessionEndReason, string>(r => SessionEndReasons.ToName(r), n => SessionEndReasons.Parse(n)))
            .HasMaxLength(SessionEndReasons.MaxNameLength);
        session.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        session.HasIndex(s => s.UserId);
        // Instances load the sessions revoked lately when they start and at every resynchronisation.
        session.HasIndex(s => s.RevokedAt);
    }
}

internal sealed class RefreshTokenConfiguration : IEntityTypeConfiguration<RefreshToken>
{
    public void Configure(EntityTypeBuilder<RefreshToken> token)
    {
        token.HasKey(t => t.Id);
        token.Property(t => t.Id).ValueGeneratedOnAdd();
        token.Property(t => t.TokenHash).HasMaxLength(RefreshTokens.HashLength);
        token.HasIndex(t => t.TokenHash).IsUnique();
        token.HasOne<Session>().WithMany().HasForeignKey(t => t.SessionId).OnDelete(DeleteBehavior.Cascade);
        // Each token is replaced by at most one.
        token.HasOne<RefreshToken>().WithOne().HasForeignKey<RefreshToken>(t => t.ReplacedById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LoginAttemptConfiguration : IEntityTypeConfiguration<LoginAttempt>
{
    public void Configure(EntityTypeBuilder<LoginAttempt> attempt)
    {
        attempt.HasKey(a => a.Id);
        attempt.Property(a => a.Id).ValueGeneratedOnAdd();
        attempt.Property(a => a.AccountKey).HasMaxLength(LoginAttempt.MaxAccountKeyLength);
        attempt.Property(a => a.IpAddress).HasColumnName("ip");
        // The throttling queries: recent attempts of one account, recent failures from one address.
        attempt.HasIndex(a => new { a.AccountKey, a.At });
        attempt.HasIndex(a => new { a.IpAddress, a.At });
        attempt.HasIndex(a => a.At);
    }
}

internal sealed class PasswordResetCodeConfiguration : IEntityTypeConfiguration<PasswordResetCode>
{
    public void Configure(EntityTypeBuilder<PasswordResetCode> code)
    {
        code.HasKey(c => c.Id);
        code.Property(c => c.Id).ValueGeneratedOnAdd();
        code.Property(c => c.CodeHash).HasMaxLength(PasswordResetCodes.HashLength);
        // Not unique: 50 random bits may, very rarely, repeat a code long expired; the lookup takes the usable one.
        code.HasIndex(c => c.CodeHash);
        code.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PasswordResetRequestConfiguration : IEntityTypeConfiguration<PasswordResetRequest>
{
    public void Configure(EntityTypeBuilder<PasswordResetRequest> request)
    {
        request.HasKey(r => r.Id);
        request.Property(r => r.Id).ValueGeneratedOnAdd();
        request.Property(r => r.AccountKey).HasMaxLength(LoginAttempt.MaxAccountKeyLength);
        request.Property(r => r.IpAddress).HasColumnName("ip");
        // The throttling queries: codes sent lately to one account, requests lately from one address.
        request.HasIndex(r => new { r.AccountKey, r.At });
        request.HasIndex(r => new { r.IpAddress, r.At });
    }
}

internal sealed class PasswordResetAttemptConfiguration : IEntityTypeConfiguration<PasswordResetAttempt>
{
    public void Configure(EntityTypeBuilder<PasswordResetAttempt> attempt)
    {
        attempt.HasKey(a => a.Id);
        attempt.Property(a => a.Id).ValueGeneratedOnAdd();
        attempt.Property(a => a.IpAddress).HasColumnName("ip");
        // The throttling query: wrong codes lately from one address.
        attempt.HasIndex(a => new { a.IpAddress, a.At });
    }
}
