using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Graph.Api.Tontines;

internal sealed class TontineConfiguration : IEntityTypeConfiguration<Tontine>
{
    /// <summary>The longest name, in characters (the column's length).</summary>
    public const int MaxNameLength = 200;

    public void Configure(EntityTypeBuilder<Tontine> tontine)
    {
        tontine.HasKey(t => t.Id);
        // A UUIDv7 made by Npgsql when the tontine is added, as for authors and books.
        tontine.Property(t => t.Id).ValueGeneratedOnAdd();
        tontine.Property(t => t.Name).HasMaxLength(MaxNameLength);
        tontine.HasMany(t => t.Members).WithOne().HasForeignKey(m => m.TontineId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TontineMemberConfiguration : IEntityTypeConfiguration<TontineMember>
{
    /// <summary>The longest role name (<c>TREASURER</c>), for the column's length.</summary>
    public const int MaxRoleLength = 16;

    public void Configure(EntityTypeBuilder<TontineMember> member)
    {
        member.ToTable(table => table.HasCheckConstraint("ck_tontine_members_role",
            $"role IN ({string.Join(", ", Enum.GetValues<TontineRole>().Select(r => $"'{TontineRoles.ToName(r)}'"))})"));
        member.HasKey(m => new { m.TontineId, m.UserId });
        // The GraphQL enum's names (MEMBER, PRESIDENT, TREASURER), as platform roles are stored.
        member.Property(m => m.Role)
            .HasConversion(new ValueConverter<TontineRole, string>(r => TontineRoles.ToName(r), n => TontineRoles.Parse(n)))
            .HasMaxLength(MaxRoleLength);
        // A user's account outlives none of its memberships: deleting a member's account is refused.
        member.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Restrict);
        // "The tontines of this user": the row rule of every tontine query.
        member.HasIndex(m => m.UserId);
    }
}
