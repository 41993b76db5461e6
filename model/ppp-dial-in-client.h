/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef PPP_DIAL_IN_CLIENT_H
#define PPP_DIAL_IN_CLIENT_H

#include "ns3/application.h"
#include "ns3/ipv4-address.h"
#include "ns3/traced-callback.h"

#include "ppp-client-interface.h"
#include "ppp-endpoint.h"
#include "ppp-serial-net-device.h"

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief The dial-in user of compulsory (wholesale) tunnelling: a PppEndpoint in the client
 *        role over a PppSerialNetDevice (the modem line to the ISP's LAC). It does not know
 *        about L2TP: it negotiates LCP and authenticates with whatever answers the line (the
 *        LAC first, the LNS behind it), and when IPCP opens its PppNetDevice interface gets the
 *        address and, with DefaultRoute, a default route (0.0.0.0/0) through the link.
 *
 * When LCP opens, the serial device's transmit ACCM becomes the one the peer asked for and
 * its receive ACCM our own (RFC 1662 7.1); when LCP leaves Opened both return to all ones.
 * A link that dies (phase Dead) removes the address and routes; with Redial the client
 * starts again after RedialDelay.
 */
class PppDialInClient : public Application
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    PppDialInClient();
    ~PppDialInClient() override;

    /// \param dev the line (set before the application starts)
    void SetDevice(Ptr<PppSerialNetDevice> dev);
    /// \return the line
    Ptr<PppSerialNetDevice> GetSerialDevice() const;
    /// \return the IPv4 interface device (nullptr before initialization)
    Ptr<PppNetDevice> GetDevice() const;
    /// \return the endpoint (created at construction; configure its LCP through GetLcp())
    Ptr<PppEndpoint> GetEndpoint() const;
    /// \return the IPv4 interface index of the PPP device (-1 before initialization)
    int32_t GetInterface() const;
    /**
     * \brief Use fixed random streams (LCP magic numbers).
     * \param stream first stream index
     * \return the number of streams used
     */
    int64_t AssignStreams(int64_t stream);

protected:
    void DoInitialize() override;
    void DoDispose() override;

private:
    void StartApplication() override;
    void StopApplication() override;
    void LcpState(PppFsm::State from, PppFsm::State to);
    void Address(Ipv4Address local, Ipv4Address peer);
    void Phase(const std::string& phase);
    void Dial();

    std::string m_user;                                 //!< PPP user name
    std::string m_password;                             //!< password / CHAP secret
    bool m_defaultRoute;                                //!< add 0.0.0.0/0 through the link
    uint16_t m_mtu;                                     //!< interface MTU
    bool m_redial;                                      //!< start again when the link died
    Time m_redialDelay;                                 //!< wait before redialling
    bool m_running{false};                              //!< between start and stop
    Ptr<PppSerialNetDevice> m_serial;                   //!< the line
    Ptr<PppEndpoint> m_endpoint;                        //!< PPP
    Ptr<PppClientInterface> m_iface;                    //!< IPv4 interface
    TracedCallback<Ipv4Address, Ipv4Address> m_upTrace; //!< (local, peer) when addressed
    TracedCallback<> m_downTrace;                       //!< link died
};

} // namespace ns3

#endif /* PPP_DIAL_IN_CLIENT_H */
